using System.Text.Json;

namespace Paystack.Actors.Paystack;

/// <summary>
/// Paystack's error body in either shape: the old <c>{status:false, message}</c> or the newer one that adds
/// <c>meta.nextStep</c>, <c>type</c> and <c>code</c>.
/// </summary>
internal sealed record PaystackErrorBody(string? Message, string? NextStep, string? Type, string? Code)
{
    /// <summary>Null when the body is not a JSON object (HTML, empty, cut off).</summary>
    public static PaystackErrorBody? TryParse(ReadOnlyMemory<byte> body)
    {
        if (!BodySniffer.LooksLikeJson(body.Span))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var nextStep = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                ? Text(meta, "nextStep") ?? Text(meta, "next_step")
                : null;
            return new PaystackErrorBody(Text(root, "message"), nextStep, Text(root, "type"), Text(root, "code"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"Invalid key", or "Email Address is required (validation_error/missing_params). Next step: ...".</summary>
    public string Describe()
    {
        var text = string.IsNullOrWhiteSpace(Message) ? "no message" : Message.Trim();
        if (Type is not null || Code is not null)
        {
            text += $" ({string.Join('/', new[] { Type, Code }.Where(s => !string.IsNullOrEmpty(s)))})";
        }

        if (!string.IsNullOrWhiteSpace(NextStep))
        {
            text += $". Next step: {NextStep.Trim()}";
        }

        return text;
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
