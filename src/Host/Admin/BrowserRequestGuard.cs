using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Paystack.Host.Admin;

/// <summary>
/// Refuses state-changing requests (trigger, pause, resume, ...) that a web page could have sent. A page open in a
/// browser on the machine reaches 127.0.0.1 too, and a cross-origin form post or no-cors fetch needs no CORS consent;
/// but the browser marks it with an <c>Origin</c> header, and a form can only send form or text content types. The CLI
/// sends neither. A valid bearer token (which a page cannot attach without a preflight this endpoint never grants)
/// lets such a request through. Reads (GET) are untouched.
/// </summary>
internal static class BrowserRequestGuard
{
    public static void UseBrowserRequestGuard(this WebApplication app, string? token) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
                || AdminAuthentication.CarriesToken(request, token)
                || RefusalReason(request) is not { } reason)
            {
                await next(context);
                return;
            }
            // Someone's browser is poking at the service: worth a line in its log.
            context.RequestServices.GetService<Serilog.ILogger>()?.ForContext("SourceContext", "Paystack.Admin")
                .Warning("Refused {Method} {Path}: {Reason}", request.Method, request.Path.Value, reason);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(
                new AdminModels.Problem("about:blank", "Request from a web page refused", StatusCodes.Status403Forbidden,
                    $"{reason} {request.Method} {request.Path} changes what the service does, so it is refused unless it carries " +
                    "the admin token (Authorization: Bearer TOKEN). Use paystack-sync trigger | pause | resume, or send no Origin header and a JSON body."),
                options: null, contentType: "application/problem+json");
        });

    private static string? RefusalReason(HttpRequest request)
    {
        if (request.Headers.Origin.Count > 0)
            return $"The request comes from a web page (Origin: {Shown(request.Headers.Origin.ToString())}).";
        if (request.ContentType is { } contentType && !IsJson(contentType))
            return $"The request's content type is {Shown(contentType)}, not JSON.";
        return null;
    }

    /// <summary>Header values are the sender's words: quoted back, but not at any length.</summary>
    private static string Shown(string value) => value.Length <= 100 ? value : value[..100] + "...";

    /// <summary>application/json or a +json type such as application/merge-patch+json, with any parameters.</summary>
    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));
}
