using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Paystack.Sandbox.Webhooks;

/// <summary>
/// Delivers signed webhooks to a receiver as Paystack does: a POST of the JSON body with <c>x-paystack-signature</c>,
/// the hex HMAC-SHA512 of the body keyed with the secret key. <see cref="WebhookDeliveryOptions"/> drops, duplicates,
/// reorders, delays and forges deliveries.
/// </summary>
public sealed class WebhookSender(Uri target, string secretKey, WebhookDeliveryOptions? options = null, HttpClient? http = null)
{
    public const string SignatureHeader = "x-paystack-signature";

    private readonly WebhookDeliveryOptions _options = options ?? new WebhookDeliveryOptions();
    private readonly HttpClient _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

    public static string Sign(string key, byte[] body) => Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(key), body));

    /// <summary>Posts one body with the given signature header (null: none), returning the status code.</summary>
    public async Task<int> PostAsync(byte[] body, string? signature, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        if (signature is not null) request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        using var response = await _http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Delivers the events of <paramref name="changes"/> in order, going wrong as the options say.</summary>
    public async Task<WebhookDeliveryReport> DeliverAsync(IReadOnlyList<RecordChange> changes, CancellationToken cancellationToken = default)
    {
        var dice = new Random(_options.Seed);
        int dropped = 0, duplicated = 0, reordered = 0, forged = 0, sent = 0;
        var statuses = new Dictionary<int, int>();
        var announced = new List<RecordChange>();
        RecordChange? held = null;

        async Task SendAsync(RecordChange change, bool forge)
        {
            if (_options.Delay > TimeSpan.Zero) await Task.Delay(_options.Delay, cancellationToken);
            var body = Encoding.UTF8.GetBytes(change.Body());
            var status = await PostAsync(body, Sign(forge ? secretKey + "-forged" : secretKey, body), cancellationToken);
            sent++;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == 200 && !forge && !announced.Contains(change)) announced.Add(change);
        }

        foreach (var change in changes)
        {
            if (dice.NextDouble() < _options.DropRate) { dropped++; continue; }
            var forge = dice.NextDouble() < _options.ForgeRate;
            if (forge) forged++;
            if (held is null && !forge && dice.NextDouble() < _options.ReorderRate) { held = change; reordered++; continue; }
            await SendAsync(change, forge);
            if (!forge && dice.NextDouble() < _options.DuplicateRate) { duplicated++; await SendAsync(change, false); }
            if (held is not null) { await SendAsync(held, false); held = null; }
        }
        if (held is not null) await SendAsync(held, false);
        return new WebhookDeliveryReport(sent, dropped, duplicated, reordered, forged, statuses, announced);
    }
}
