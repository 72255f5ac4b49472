using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /dedicated_account/available_providers records: the banks that can issue dedicated virtual accounts. The
/// endpoint takes no parameters and answers with every provider at once, without <c>meta</c>.
/// </summary>
internal sealed class DedicatedAccountProviderGenerator : IRecordGenerator
{
    private static readonly (string Slug, string Bank, int BankId)[] Providers =
    [
        ("wema-bank", "Wema Bank", 20), ("titan-paystack", "Paystack-Titan", 127), ("access-bank", "Access Bank", 1),
    ];

    public string Path => "dedicated_account/available_providers";
    public long IdBase => 4_160_000_000;
    public string Noun => "Dedicated account provider";
    public string? UpdatedField => null;
    public bool FiltersByTime => false;
    public bool Unpaged => true;

    public JsonObject Create(RecordContext context)
    {
        var known = Providers[context.Index % Providers.Length];
        // The list is longer than the real one; the record number keeps each slug distinct.
        var suffix = context.Index < Providers.Length ? "" : $"-{context.Index / Providers.Length}";
        return new JsonObject
        {
            ["provider_slug"] = known.Slug + suffix,
            ["bank_id"] = known.BankId + context.Index / Providers.Length * 1000,
            ["bank_name"] = known.Bank,
            ["id"] = context.Id,
        };
    }
}
