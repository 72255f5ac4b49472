namespace Paystack.Actors.Destinations.InMemory;

/// <summary>One row as an <see cref="InMemoryDestination"/> keeps it.</summary>
/// <param name="Id">The record's primary key value.</param>
/// <param name="CursorValue">The creation time as the record wrote it.</param>
/// <param name="Json">The raw record.</param>
/// <param name="RunId">The run that wrote the row.</param>
public sealed record StoredRow(string Id, string? CursorValue, string Json, string RunId);
