using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Paystack.Host.Admin;

/// <summary>With a token configured, /admin/* and /metrics answer 401 unless the request carries <c>Authorization: Bearer TOKEN</c>. Health probes stay open.</summary>
internal static class AdminAuthentication
{
    public static void UseAdminToken(this WebApplication app, string? token)
    {
        if (token is null) return;
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/admin") && !path.StartsWithSegments("/metrics"))
            {
                await next(context);
                return;
            }
            if (CarriesToken(context.Request, token))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(new AdminModels.Error(
                context.Request.Headers.Authorization.ToString().Length == 0
                    ? "This endpoint needs a bearer token (Authorization: Bearer TOKEN)."
                    : "The bearer token is wrong."));
        });
    }

    /// <summary>Whether the request's <c>Authorization: Bearer</c> header holds <paramref name="token"/>, compared in constant time.</summary>
    public static bool CarriesToken(HttpRequest request, string? token)
    {
        if (token is null) return false;
        var header = request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[7..].Trim()) : [];
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(token));
    }
}
