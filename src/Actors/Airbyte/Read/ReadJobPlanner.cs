using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.State;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.State;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Airbyte.Read;

/// <summary>Turns the three inputs of <c>read</c> (config, configured catalog, state) into the engine's job.</summary>
public static class ReadJobPlanner
{
    public static SyncJob Plan(SourceConfig config, ConfiguredCatalog catalog, InputState state) =>
        SyncJobs.For(config, catalog.Streams.Select(stream => Select(stream, state)).ToList());

    /// <summary>
    /// Only an incremental stream starts from its saved cursor; a full refresh reads everything from start_date and
    /// its state reflects this run alone. The write mode is the platform's business, so records are simply appended.
    /// </summary>
    private static StreamSelection Select(ConfiguredStream stream, InputState state) => stream.IsIncremental
        ? new StreamSelection(stream.Definition, SyncMode.Incremental, WriteMode.Append, state.GetCursor(stream.Name))
        : new StreamSelection(stream.Definition, SyncMode.FullRefresh, WriteMode.Append);
}
