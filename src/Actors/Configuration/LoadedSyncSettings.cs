using Akka.Configuration;

namespace Paystack.Actors.Configuration;

/// <summary>The typed settings and the merged HOCON they were read from (the actor system starts from <see cref="Config"/>).</summary>
public sealed record LoadedSyncSettings(SyncSettings Settings, Config Config);
