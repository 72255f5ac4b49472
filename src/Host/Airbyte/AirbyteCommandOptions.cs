using System.CommandLine;

namespace Paystack.Host.Airbyte;

/// <summary>The options Airbyte passes to a source, named as the Airbyte CDK names them.</summary>
internal static class AirbyteCommandOptions
{
    /// <summary>Not marked required: a missing --config must still be answered with a protocol message, not parser output.</summary>
    public static Option<string?> Config() => new("--config")
    {
        Description = "Path to the source's config JSON (secret_key, start_date, lookback_window_days, base_url).",
        HelpName = "FILE",
    };

    public static Option<string?> Catalog() => new("--catalog")
    {
        Description = "Path to the configured catalog JSON: the streams to read and their sync modes.",
        HelpName = "FILE",
    };

    public static Option<string?> State() => new("--state")
    {
        Description = "Path to the state JSON of the previous sync (per-stream state messages or the legacy format).",
        HelpName = "FILE",
    };
}
