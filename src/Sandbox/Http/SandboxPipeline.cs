using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Paystack.Sandbox.Http;

/// <summary>
/// What happens to every request before an endpoint sees it, in Paystack's order: log, authenticate, rate-limit,
/// then the injected latency and faults. The endpoint learns the key's account from <see cref="AccountKey"/> and its
/// domain from <see cref="DomainKey"/>. A request with a known key is logged in the server's log and its account's.
/// </summary>
internal sealed class SandboxPipeline
{
    public const string DomainKey = "paystack.sandbox.domain";
    public const string AccountKey = "paystack.sandbox.account";

    private readonly SandboxOptions _options;
    private readonly IReadOnlyDictionary<string, SandboxAccount> _accounts;
    private readonly SandboxRequestLog _log;
    private readonly RollingRateLimiter _limiter;
    private readonly FaultDice _dice;
    private readonly TimeProvider _clock;

    public SandboxPipeline(SandboxOptions options, IReadOnlyDictionary<string, SandboxAccount> accounts, SandboxRequestLog log, TimeProvider clock)
    {
        _options = options;
        _accounts = accounts;
        _log = log;
        _clock = clock;
        _limiter = new RollingRateLimiter(clock, options.RateLimitWindow);
        _dice = new FaultDice(options.Faults, options.Seed);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var arrived = _clock.GetUtcNow();
        SandboxAccount? account = null;
        var aborted = false;
        var logged = 0;
        void Log()
        {
            if (Interlocked.Exchange(ref logged, 1) == 1) return;
            var path = context.Request.Path.Value?.Trim('/') ?? "";
            var entry = new SandboxRequest(arrived, context.Request.Method, path, context.Request.QueryString.Value ?? "",
                aborted ? 0 : context.Response.StatusCode, account?.Domain);
            _log.Add(entry);
            account?.Requests.Add(entry);
        }
        // Logged as the answer starts, so a client never holds an answer the log does not show yet.
        context.Response.OnStarting(() =>
        {
            Log();
            return Task.CompletedTask;
        });
        try
        {
            var key = KeyCheck.Read(context.Request, _accounts);
            if (!key.Ok)
            {
                await JsonReply.WriteAsync(context, StatusCodes.Status401Unauthorized, PaystackErrors.Simple(key.Error!));
                return;
            }
            account = key.Account!;
            context.Items[AccountKey] = account;
            context.Items[DomainKey] = account.Domain;

            var decision = _limiter.TryAcquire(account.Key, account.RateLimit);
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
            Log(); // an aborted request, or one whose answer never started
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
