using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Airbyte.Catalog;

/// <summary>Builds what <c>discover</c> prints: one Airbyte stream per entry of <see cref="StreamCatalog"/>.</summary>
public static class DiscoveredCatalog
{
    public static AirbyteCatalog Build() => Build(StreamCatalog.All);

    public static AirbyteCatalog Build(IEnumerable<StreamDefinition> definitions) =>
        new(definitions.Select(ToAirbyteStream).ToList());

    public static AirbyteStream ToAirbyteStream(StreamDefinition definition)
    {
        IReadOnlyList<SyncMode> modes = definition.SupportsIncremental
            ? [SyncMode.FullRefresh, SyncMode.Incremental]
            : [SyncMode.FullRefresh];
        return new AirbyteStream(
            definition.Name,
            StreamSchemas.Get(definition.Name),
            modes,
            // A stream read whole every time has no cursor to offer.
            SourceDefinedCursor: definition.SupportsIncremental,
            DefaultCursorField: definition.SupportsIncremental ? [definition.CursorField] : null,
            SourceDefinedPrimaryKey: definition.KeyFields.Select(field => (IReadOnlyList<string>)[field]).ToList(),
            IsResumable: definition.SupportsIncremental);
    }
}
