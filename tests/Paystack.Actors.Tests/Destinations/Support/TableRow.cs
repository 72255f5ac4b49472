namespace Paystack.Actors.Tests.Destinations.Support;

/// <summary>A stream table's row as a separate reader sees it.</summary>
public sealed record TableRow(string Id, string? CreatedAt, string Json, string RunId)
{
    public int Amount => TestRecords.Amount(Json);
}
