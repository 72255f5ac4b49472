using Paystack.Actors.Configuration;
using Paystack.Actors.Engine;

namespace Paystack.Host.Running;

/// <summary>What the shared sync options resolved to: the sync itself, the engine settings (journal included) and logging.</summary>
/// <param name="Request">The account, destination, streams and modes.</param>
/// <param name="Settings">The HOCON settings, with <c>--journal</c> applied over <c>paystack-sync.persistence</c>.</param>
/// <param name="LogLevel">A level <see cref="EngineRuntime.LogOptions"/> understands.</param>
/// <param name="LogJson">Compact JSON log lines instead of text.</param>
internal sealed record SyncCommandInputs(SyncRequest Request, LoadedSyncSettings Settings, string LogLevel, bool LogJson);
