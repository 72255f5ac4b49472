using System.Text;
using Paystack.Actors.Webhooks;

namespace Paystack.Actors.Tests.Webhooks;

public sealed class WebhookEventTests
{
    private const string Key = "sk_test_0123456789abcdef";

    private static WebhookEvent Read(string body) =>
        WebhookEventReader.TryRead(Encoding.UTF8.GetBytes(body), DateTimeOffset.UnixEpoch, out _)!;

    [Fact]
    public void The_signature_is_the_hex_hmac_sha512_of_the_raw_body_under_the_secret_key()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"charge.success","data":{"id":1}}""");
        var key = Encoding.UTF8.GetBytes(Key);
        var signature = WebhookSignature.Sign(Key, body);

        Assert.Equal(128, signature.Length);
        Assert.True(WebhookSignature.IsValid(key, body, signature));
        Assert.True(WebhookSignature.IsValid(key, body, signature.ToUpperInvariant()));
        Assert.False(WebhookSignature.IsValid(key, body, null));
        Assert.False(WebhookSignature.IsValid(key, body, ""));
        Assert.False(WebhookSignature.IsValid(key, body, signature[..^2]));
        Assert.False(WebhookSignature.IsValid(key, body, new string('0', 128)));
        Assert.False(WebhookSignature.IsValid(key, [.. body, (byte)' '], signature));
        Assert.False(WebhookSignature.IsValid(Encoding.UTF8.GetBytes(Key + "x"), body, signature));
    }

    [Fact]
    public void The_identity_is_the_same_for_a_retry_and_different_for_a_later_change()
    {
        const string first = """{"event":"charge.success","data":{"id":1,"status":"success"}}""";
        Assert.Equal(Read(first).EventId, Read(first).EventId);
        Assert.NotEqual(Read(first).EventId, Read(first.Replace("success\"}", "reversed\"}")).EventId);
    }

    [Theory]
    [InlineData("""{"event":"charge.success","data":{"id":11}}""", "transactions", "11")]
    [InlineData("""{"event":"charge.dispute.resolve","data":{"id":12}}""", "disputes", "12")]
    [InlineData("""{"event":"transfer.reversed","data":{"id":13,"transfer_code":"TRF_x"}}""", "transfers", "13")]
    [InlineData("""{"event":"refund.processed","data":{"id":"14"}}""", "refunds", "14")]
    [InlineData("""{"event":"subscription.disable","data":{"id":15}}""", "subscriptions", "15")]
    [InlineData("""{"event":"invoice.update","data":{"id":16}}""", "invoices", "16")]
    [InlineData("""{"event":"paymentrequest.success","data":{"id":17}}""", "invoices", "17")]
    [InlineData("""{"event":"customeridentification.success","data":{"customer_id":18}}""", "customers", "18")]
    [InlineData("""{"event":"dedicatedaccount.assign.success","data":{"dedicated_account":{"id":19}}}""", "dedicated_accounts", "19")]
    public void An_event_names_its_stream_and_record(string body, string stream, string id)
    {
        var target = EventTarget.Of(Read(body));

        Assert.NotNull(target);
        Assert.Equal((stream, id), (target.Stream.Name, target.RecordId));
    }

    [Fact]
    public void Bodies_that_are_not_events_and_events_without_a_record_are_told_apart()
    {
        Assert.Null(WebhookEventReader.TryRead("[1]"u8, DateTimeOffset.UnixEpoch, out var problem));
        Assert.NotNull(problem);
        Assert.Null(WebhookEventReader.TryRead("{\"event\":\"charge.success\"}"u8, DateTimeOffset.UnixEpoch, out _));
        Assert.Null(WebhookEventReader.TryRead("not json"u8, DateTimeOffset.UnixEpoch, out _));
        Assert.Null(EventTarget.Of(Read("""{"event":"charge.success","data":{"reference":"x"}}""")));
        Assert.Null(EventTarget.Of(Read("""{"event":"paymentlink.created","data":{"id":1}}""")));
    }
}
