using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Paystack.Sandbox.Tests;

public partial class ShapeTests
{
    // Top-level fields of the published examples (refund: the current spec schema, as the example is the old shape).
    public static TheoryData<string, string> Fields => new()
    {
        { "customer", "integration first_name last_name email phone metadata domain customer_code risk_action id createdAt updatedAt" },
        { "dispute", "id refund_amount currency status resolution domain transaction transaction_reference category customer bin last4 dueAt resolvedAt evidence attachments note history messages createdAt updatedAt" },
        { "paymentrequest", "id integration domain amount currency due_date has_invoice invoice_number description pdf_url line_items tax request_code status paid paid_at metadata notifications offline_reference customer created_at discount split_code" },
        { "refund", "integration transaction dispute settlement id domain currency amount status refunded_at refunded_by customer_note merchant_note deducted_amount fully_deducted createdAt bank_reference transaction_reference reason customer refund_type transaction_amount initiated_by refund_channel session_id collect_account_number" },
        { "settlement", "id domain status currency integration total_amount effective_amount total_fees total_processed deductions settlement_date settled_by createdAt updatedAt" },
        { "subscription", "id domain status start quantity subscription_code email_token amount cron_expression next_payment_date open_invoice createdAt integration plan authorization customer invoice_limit split_code payments_count most_recent_invoice" },
        { "transaction", "id domain status reference amount message gateway_response paid_at created_at channel currency ip_address metadata log fees fees_split customer authorization plan split subaccount order_id paidAt createdAt requested_amount source connect pos_transaction_data" },
        { "transfer", "amount createdAt currency domain failures id integration reason reference source source_details status titan_code transfer_code request transferred_at updatedAt recipient session fee_charged fees_breakdown" },
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex TimestampPattern();

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Records_carry_every_field_of_the_real_object(string path, string fields)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var records = (await client.GetOkAsync($"{path}?perPage=100")).Data().Select(r => r!.AsObject()).ToList();

        Assert.Equal(100, records.Count);
        foreach (var record in records)
        {
            foreach (var field in fields.Split(' '))
                Assert.True(record.ContainsKey(field), $"{path} record lacks '{field}': {record.ToJsonString()}");
            Assert.True(record["id"].Long() > int.MaxValue, $"{path} id {record["id"]} fits in Int32");
            Assert.Equal("test", record["domain"]!.GetValue<string>());
            var created = record[path == "paymentrequest" ? "created_at" : "createdAt"]!.GetValue<string>();
            Assert.Matches(TimestampPattern(), created);
        }
        Assert.Equal(path == "paymentrequest", !records[0].ContainsKey("createdAt"));
    }

    [Fact]
    public async Task Transactions_have_both_casings_nested_objects_and_subunit_amounts()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var records = (await client.GetOkAsync("transaction?perPage=100")).Data().Select(r => r!.AsObject()).ToList();

        foreach (var t in records)
        {
            Assert.Equal(t["createdAt"]!.GetValue<string>(), t["created_at"]!.GetValue<string>());
            Assert.Equal(t["paidAt"]?.ToJsonString(), t["paid_at"]?.ToJsonString());
            Assert.Equal(JsonValueKind.Number, t["amount"]!.GetValueKind());
            Assert.False(t.ContainsKey("integration"));
            Assert.False(t.ContainsKey("updatedAt"));
            var customer = t["customer"]!.AsObject();
            foreach (var field in "id first_name last_name email phone metadata customer_code risk_action".Split(' '))
                Assert.True(customer.ContainsKey(field), field);
            Assert.Equal(JsonValueKind.Object, t["plan"]!.GetValueKind());
        }
        var paid = records.First(t => t["status"]!.GetValue<string>() == "success");
        Assert.Matches(TimestampPattern(), paid["paid_at"]!.GetValue<string>());
        foreach (var field in "authorization_code bin last4 exp_month exp_year channel card_type bank country_code brand reusable signature account_name".Split(' '))
            Assert.True(paid["authorization"]!.AsObject().ContainsKey(field), field);
        Assert.Contains(records, t => t["paid_at"] is null);
    }

    [Fact]
    public async Task Nested_customers_point_at_real_customers()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var transaction = (await client.GetOkAsync("transaction?perPage=1")).Data()[0]!;
        var nested = transaction["customer"]!;
        var customer = JsonNode.Parse(server.Store.Get("customer", nested["id"]!.ToString())!)!;

        Assert.Equal(customer["email"]!.GetValue<string>(), nested["email"]!.GetValue<string>());
        Assert.Equal(customer["customer_code"]!.GetValue<string>(), nested["customer_code"]!.GetValue<string>());
        Assert.True(customer["createdAt"].Time() <= transaction["createdAt"].Time());
    }

    [Fact]
    public async Task Refunds_and_disputes_point_at_earlier_transactions()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var refund = (await client.GetOkAsync("refund?perPage=1")).Data()[0]!;
        var transaction = JsonNode.Parse(server.Store.Get("transaction", refund["transaction"]!.ToString())!)!;
        Assert.True(transaction["createdAt"].Time() <= refund["createdAt"].Time());
        Assert.Equal(transaction["reference"]!.GetValue<string>(), refund["transaction_reference"]!.GetValue<string>());

        var dispute = (await client.GetOkAsync("dispute?perPage=1")).Data()[0]!;
        Assert.Equal(JsonValueKind.Object, dispute["transaction"]!.GetValueKind());
        Assert.NotNull(server.Store.Get("transaction", dispute["transaction"]!["id"]!.ToString()));
    }
}
