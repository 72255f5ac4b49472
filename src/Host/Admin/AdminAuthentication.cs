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
        var expected = Encoding.UTF8.GetBytes(token);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/admin") && !path.StartsWithSegments("/metrics"))
            {
                await next(context);
                return;
            }
            var header = context.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[7..].Trim()) : [];
            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(new AdminModels.Error(
                header.Length == 0 ? "This endpoint needs a bearer token (Authorization: Bearer TOKEN)." : "The bearer token is wrong."));
        });
    }
}
