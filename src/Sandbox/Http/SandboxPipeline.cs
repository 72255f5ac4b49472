using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Paystack.Sandbox.Http;

/// <summary>
/// What happens to every request before an endpoint sees it, in Paystack's order: log, authenticate, rate-limit,
/// then the injected latency and faults. The endpoint learns the key's domain from <see cref="DomainKey"/>.
/// </summary>
internal sealed class SandboxPipeline
{
    public const string DomainKey = "paystack.sandbox.domain";

    private readonly SandboxOptions _options;
    private readonly SandboxRequestLog _log;
    private readonly RollingRateLimiter _limiter;
    private readonly FaultDice _dice;
    private readonly TimeProvider _clock;

    public SandboxPipeline(SandboxOptions options, SandboxRequestLog log, TimeProvider clock)
    {
        _options = options;
        _log = log;
        _clock = clock;
        _limiter = new RollingRateLimiter(clock, options.RateLimitWindow);
        _dice = new FaultDice(options.Faults, options.Seed);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var arrived = _clock.GetUtcNow();
        string? domain = null;
        var aborted = false;
        try
        {
            var key = KeyCheck.Read(context.Request, _options);
            if (!key.Ok)
            {
                await JsonReply.WriteAsync(context, StatusCodes.Status401Unauthorized, PaystackErrors.Simple(key.Error!));
                return;
            }
            domain = key.Domain;
            context.Items[DomainKey] = domain;

            var decision = _limiter.TryAcquire(key.Key!, domain == "live" ? _options.LiveRateLimit : _options.TestRateLimit);
            var headers = context.Response.Headers;
            if (_options.RateLimitHeaders && (!decision.Admitted || !_options.RateLimitHeadersOnlyOn429))
            {
                headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
                headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
                var reset = _options.RateLimitResetAsEpoch ? _clock.GetUtcNow().ToUnixTimeSeconds() + decision.ResetSeconds : decision.ResetSeconds;
                headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
            }
            if (!decision.Admitted)
            {
                headers.RetryAfter = Math.Max(1, decision.ResetSeconds).ToString(CultureInfo.InvariantCulture);
                await JsonReply.WriteAsync(context, StatusCodes.Status429TooManyRequests, PaystackErrors.RateLimited());
                return;
            }

            if (_options.Faults.StaysSilent())
            {
                // Accepted and never answered: only the client giving up ends the request.
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                return;
            }
            var (fault, status, delay) = _dice.Draw();
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _clock, context.RequestAborted);
            switch (fault)
            {
                case FaultKind.Reset:
                    aborted = true;
                    context.Abort();
                    return;
                case FaultKind.ServerError:
                    await JsonReply.WriteAsync(context, status, PaystackErrors.ServerError(status));
                    return;
                case FaultKind.HtmlError:
                    await WriteHtmlAsync(context);
                    return;
                case FaultKind.Truncated:
                    JsonReply.MarkTruncated(context);
                    break;
            }
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            aborted = true;
        }
        finally
        {
            var path = context.Request.Path.Value?.Trim('/') ?? "";
            _log.Add(new SandboxRequest(arrived, context.Request.Method, path, context.Request.QueryString.Value ?? "",
                aborted ? 0 : context.Response.StatusCode, domain));
        }
    }

    private static async Task WriteHtmlAsync(HttpContext context)
    {
        var body = Encoding.UTF8.GetBytes(PaystackErrors.BadGatewayHtml);
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
