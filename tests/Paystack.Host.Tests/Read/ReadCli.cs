using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Read;

/// <summary>Runs <c>paystack-sync read</c> with the engine scaled down for tests: no rate-limit waits, few long windows.</summary>
public static class ReadCli
{
    /// <summary>
    /// 200-day windows from start_date give a few checkpoints per stream; a zero settle delay lets records added a
    /// moment ago be read on the next run.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> FastEngine { get; } = new Dictionary<string, string?>
    {
        ["PAYSTACK_SYNC__RATE_LIMITS__TEST_REQUESTS"] = "100000",
        ["PAYSTACK_SYNC__ENGINE__WINDOW_LENGTH"] = "200d",
        ["PAYSTACK_SYNC__ENGINE__SETTLE_DELAY"] = "0s",
    };

    public static Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.RunAsync(["read", .. args], FastEngine);

    /// <summary>With no engine overrides in the environment: the settings come from <c>--hocon</c> alone.</summary>
    public static Task<CliResult> RunWithoutOverridesAsync(params string[] args) =>
        CliRunner.RunAsync(["read", .. args], environment: null);
}
