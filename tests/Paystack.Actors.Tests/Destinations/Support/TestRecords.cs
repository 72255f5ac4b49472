using System.Globalization;
using System.Text.Json;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Destinations.Support;

/// <summary>Small Paystack-shaped records whose <c>amount</c> tells versions of one id apart.</summary>
public static class TestRecords
{
    private static readonly DateTimeOffset Start = new(2024, 3, 16, 9, 5, 2, TimeSpan.Zero);

    public static PaystackRecord Make(long id, int amount = 100)
    {
        var createdAt = Start.AddMinutes(id);
        var cursor = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var json = $$"""{"id":{{id}},"amount":{{amount}},"currency":"NGN","createdAt":"{{cursor}}"}""";
        return new PaystackRecord(id.ToString(CultureInfo.InvariantCulture), createdAt, cursor, json);
    }

    public static IReadOnlyList<PaystackRecord> Many(int from, int count, int amount = 100) =>
        Enumerable.Range(from, count).Select(i => Make(i, amount)).ToArray();

    public static int Amount(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("amount").GetInt32();
    }

    public static StreamDefinition Stream(string name) =>
        new(name, name, "createdAt", "id", StreamPaging.PageNumbersOrCursor);
}
