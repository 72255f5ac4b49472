using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /terminal records: the merchant's physical POS terminals (TerminalListsResponseArray in the spec). The object
/// carries no creation time; the endpoint pages by cursor only (<c>next</c>, <c>previous</c>, <c>per_page</c>).
/// </summary>
internal sealed class TerminalGenerator : IRecordGenerator
{
    private const string TerminalIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly string[] Makes = ["PAX", "PAX", "Nexgo", "Verifone", "Topwise"];
    private static readonly string[] Places = ["Lekki store", "Ikeja City Mall", "Yaba outlet", "Head office", "Warehouse", "Delivery van"];
    private static readonly string[] Streets = ["Admiralty Way, Lekki", "Obafemi Awolowo Way, Ikeja", "Herbert Macaulay Way, Yaba", "Adeola Odeku St, Victoria Island", "Aminu Kano Crescent, Wuse II"];

    public string Path => "terminal";
    public long IdBase => 3_300_000_000;
    public string Noun => "Terminal";
    public string? UpdatedField => null;
    public bool FiltersByTime => false;
    public Paging Paging => Paging.CursorNextPrevious;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        // Terminals are registered before they are commissioned: until then they have no device details.
        var commissioned = random.Chance(0.9);
        var terminalId = string.Create(8, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = TerminalIdAlphabet[r.Next(TerminalIdAlphabet.Length)];
        });
        return new JsonObject
        {
            ["id"] = context.Id,
            ["serial_number"] = commissioned ? "11111" + random.Digits(14) : null,
            ["device_make"] = commissioned ? random.Pick(Makes) : null,
            ["terminal_id"] = terminalId,
            ["integration"] = context.Integration,
            ["domain"] = context.Domain,
            ["name"] = random.Chance(0.85) ? $"{random.Pick(Places)} {1 + random.Next(9)}" : null,
            ["address"] = random.Chance(0.7) ? $"{1 + random.Next(200)} {random.Pick(Streets)}" : null,
            ["status"] = commissioned && random.Chance(0.9) ? "active" : "inactive",
        };
    }
}
