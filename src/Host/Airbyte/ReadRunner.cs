using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Airbyte.Read;
using Paystack.Actors.State;
using Paystack.Host.Running;
using Serilog.Events;

namespace Paystack.Host.Airbyte;

/// <summary>
/// Runs <c>read</c> on the engine with an in-memory journal (the platform keeps the state) and stdout as the
/// destination. Exit 0 when every stream completed; otherwise a closing ERROR trace names the streams that did not.
/// </summary>
internal static class ReadRunner
{
    public static async Task<int> RunAsync(ReadInputs inputs, ProtocolOutput output, LogEventLevel logLevel, CancellationToken cancellationToken)
    {
        var key = inputs.Source.SecretKey;
        var job = ReadJobPlanner.Plan(inputs.Source, inputs.Catalog, inputs.State);
        await using var runtime = await EngineRuntime.StartAsync(inputs.Settings, key, inMemoryJournal: true, output.LogOptions(logLevel), cancellationToken: cancellationToken);
        if (inputs.State.IgnoredStreams.Count > 0)
            output.Info($"The state names streams this source does not have; ignored: {string.Join(", ", inputs.State.IgnoredStreams)}");
        output.Info($"Reading {string.Join(", ", inputs.Catalog.Streams.Select(s => $"{s.Name} ({s.SyncMode})"))} with {inputs.Source}");

        var emitter = new AirbyteReadEmitter(output.Writer, key);
        var observer = new AirbyteReadObserver(emitter, job);
        await using var destination = new AirbyteRecordDestination(emitter);
        var outcome = await runtime.Engine.RunAsync(job, runtime.Engine.ClientOptionsFor(inputs.Source), destination, observer, cancellationToken);

        foreach (var stream in outcome.Streams)
            output.Info($"{stream.Stream}: {(stream.Succeeded ? "complete" : "failed")}, {emitter.RecordsEmitted(stream.Stream)} records in {stream.Duration.TotalSeconds:F1} s");
        if (observer.FailureSummary is not { } summary)
            return ExitCodes.Success;
        // As the CDK does: the per-stream errors above are the actionable ones; this one makes the attempt fail.
        output.Error(summary);
        emitter.Error(summary, FailureType.ConfigError);
        return ExitCodes.Failed;
    }
}
