using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /customer records (see paystack-examples/customer.json).</summary>
internal sealed class CustomerGenerator : IRecordGenerator
{
    public string Path => "customer";
    public long IdBase => 4_200_000_000;
    public string Noun => "Customer";
    public string? UpdatedField => "updatedAt";
    public Paging Paging => Paging.OffsetOrCursor;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var person = Person.Create(context.Seed, context.Index, context.Id);
        var updated = random.Chance(0.8) ? context.CreatedAt : context.CreatedAt.AddMinutes(random.Between(1, 60 * 24 * 90));
        JsonNode metadata = random.Chance(0.7)
            ? new JsonObject()
            : new JsonObject { ["calling_code"] = "+234", ["source"] = random.Chance(0.5) ? "checkout" : "api" };
        return new JsonObject
        {
            ["integration"] = context.Integration,
            ["first_name"] = person.FirstName,
            ["last_name"] = person.LastName,
            ["email"] = person.Email,
            ["phone"] = person.Phone,
            ["metadata"] = metadata,
            ["domain"] = context.Domain,
            ["customer_code"] = person.CustomerCode,
            ["risk_action"] = person.RiskAction,
            ["id"] = context.Id,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(updated),
        };
    }
}
