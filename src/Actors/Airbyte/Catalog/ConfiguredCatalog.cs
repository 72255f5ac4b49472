namespace Paystack.Actors.Airbyte.Catalog;

/// <summary>The <c>--catalog</c> file of <c>read</c>, checked against the streams this source has. Streams keep the file's order.</summary>
public sealed record ConfiguredCatalog(IReadOnlyList<ConfiguredStream> Streams);
