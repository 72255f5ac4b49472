using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Paystack.Actors.Paystack;

/// <summary>
/// The retry policy around one page request: exponential backoff with jitter from RetryBaseDelay, capped by
/// RetryMaxDelay, and the server's own wait (Retry-After, or X-RateLimit-Reset on a 429) when it names one.
/// Only <see cref="RetryableAttemptException"/> is retried; everything else is final at once.
/// </summary>
internal static class PaystackRetryPipeline
{
    public static ResiliencePipeline<PageResult> Build(PaystackClientOptions options, ILogger logger)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline<PageResult>.Empty;
        }

        var maxDelay = options.RetryMaxDelay;
        return new ResiliencePipelineBuilder<PageResult>()
            .AddRetry(new RetryStrategyOptions<PageResult>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is RetryableAttemptException),
                // Polly does not cap generated delays with MaxDelay, so the server's wait is capped here.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is RetryableAttemptException { ServerDelay: { } wait }
                        ? (TimeSpan?)(wait < maxDelay ? wait : maxDelay)
                        : null),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is RetryableAttemptException failed)
                    {
                        PaystackClientLog.Retrying(logger, failed.Request, failed.Attempt, failed.Cause, (long)args.RetryDelay.TotalMilliseconds);
                    }

                    return default;
                },
            })
            .Build();
    }
}
