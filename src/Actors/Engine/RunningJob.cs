using Akka.Actor;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Engine;

/// <summary>A job the engine is running: its run id and the two actors it started for it.</summary>
public sealed record RunningJob(string RunId, SyncJob Job, IActorRef Supervisor, IActorRef Sink);
