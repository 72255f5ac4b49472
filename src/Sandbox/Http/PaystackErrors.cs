using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Http;

/// <summary>Error bodies as Paystack sends them: the short <c>{status,message}</c> form and the newer one with meta/type/code.</summary>
internal static class PaystackErrors
{
    public static JsonObject Simple(string message) => new() { ["status"] = false, ["message"] = message };

    public static JsonObject Detailed(string message, string nextStep, string type, string code) => new()
    {
        ["status"] = false,
        ["message"] = message,
        ["meta"] = new JsonObject { ["nextStep"] = nextStep },
        ["type"] = type,
        ["code"] = code,
    };

    public static JsonObject RateLimited() =>
        Detailed("Rate limit exceeded!", "Wait a few minutes and try the API call again", "api_error", "rate_limited");

    public static JsonObject Invalid(string message) =>
        Detailed(message, "Check the request parameters and try again", "validation_error", "invalid_params");

    public static JsonObject ServerError(int status) => status switch
    {
        503 => Detailed("Service temporarily unavailable", "Try again in a few minutes", "api_error", "unknown"),
        502 => Detailed("Upstream service error", "Try again in a few minutes", "api_error", "unknown"),
        _ => Detailed("An error occurred while processing your request", "Try again later; contact support if it persists", "api_error", "unknown"),
    };

    public const string BadGatewayHtml =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
        "<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
}
