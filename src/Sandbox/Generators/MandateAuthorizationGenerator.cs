using System.Text.Json.Nodes;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /directdebit/mandate-authorizations records: customers' direct debit mandates
/// (CustomerFetchMandateAuthorizationsResponseData in the spec). The only time is <c>authorized_at</c>; the endpoint
/// pages forward by <c>cursor</c> and filters on <c>status</c>, which is computed alone so filtering stays cheap.
/// </summary>
internal sealed class MandateAuthorizationGenerator : IRecordGenerator, IStatusSource
{
    private const ulong StatusPurpose = 0x57A7;
    private static readonly string[] AllStatuses = ["pending", "active", "revoked"];

    private static readonly (string Code, string? Name)[] Banks =
    [
        ("032", "Union Bank of Nigeria"), ("058", "Guaranty Trust Bank"), ("044", "Access Bank"), ("057", "Zenith Bank"),
        ("011", null), ("033", null),
    ];

    public string Path => "directdebit/mandate-authorizations";
    public long IdBase => 3_200_000_000;
    public string Noun => "Mandate authorization";
    public string ListMessage => "Mandate authorizations retrieved successfully";
    public string? UpdatedField => null;
    public bool FiltersByTime => false;
    public Paging Paging => Paging.CursorForward;

    public IReadOnlyList<string> Statuses => AllStatuses;

    public string StatusOf(int seed, long index)
    {
        var roll = RecordRandom.For(seed, Path, index, StatusPurpose).NextDouble();
        return roll < 0.7 ? "active" : roll < 0.85 ? "pending" : "revoked";
    }

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var person = context.Links.CustomerBefore(context.CreatedAt, random);
        var bank = random.Pick(Banks);
        return new JsonObject
        {
            ["id"] = context.Id,
            ["status"] = StatusOf(context.Seed, context.Index),
            ["mandate_id"] = random.Between(500_000, 900_000),
            ["authorization_id"] = random.Between(100_000_000, 200_000_000),
            ["authorization_code"] = "AUTH_" + random.Code(10),
            ["integration_id"] = context.Integration,
            ["account_number"] = random.Digits(10),
            ["bank_code"] = bank.Code,
            ["bank_name"] = bank.Name,
            ["customer"] = new JsonObject
            {
                ["id"] = person.Id,
                ["customer_code"] = person.CustomerCode,
                ["email"] = person.Email,
                ["first_name"] = person.FirstName,
                ["last_name"] = person.LastName,
            },
            ["authorized_at"] = Timestamps.Format(context.CreatedAt),
        };
    }
}
