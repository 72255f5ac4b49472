using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Paystack.Actors.Airbyte.Config;

/// <summary>
/// Reads and validates the source's config file (Airbyte's shape: secret_key, start_date, lookback_window_days,
/// plus an optional base_url). Every problem found is reported at once, and no message ever contains the key.
/// </summary>
public static partial class SourceConfigReader
{
    public const int MaxLookbackWindowDays = 36_500;

    /// <param name="environment">Looks up environment variables; defaults to the process environment.</param>
    /// <param name="warn">Told, in one line, about keys no field reads (a typo, most likely); they do not stop the load.</param>
    /// <param name="clock">Tells what "now" is for start_date's range; defaults to the system clock.</param>
    /// <exception cref="AirbyteConfigException">The file is missing, unreadable, not JSON or not a valid config.</exception>
    public static SourceConfig Load(
        string path, Func<string, string?>? environment = null, Action<string>? warn = null, TimeProvider? clock = null)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new AirbyteConfigException("No config file was given: pass --config <path to config.json>.");
        var text = InputFile.ReadText(path, "Config file");
        return Parse(text, $"Config file '{path}'", environment, warn, clock);
    }

    /// <param name="sourceName">How the text is named in messages, e.g. "Config file 'config.json'".</param>
    public static SourceConfig Parse(
        string json, string sourceName = "The config", Func<string, string?>? environment = null,
        Action<string>? warn = null, TimeProvider? clock = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        using var document = ParseDocument(json, sourceName);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new AirbyteConfigException($"{sourceName} must hold a JSON object, found {Describe(root.ValueKind)}.");

        var problems = new List<string>();
        var secretKey = ReadSecretKey(root, environment, problems);
        var startDate = ReadStartDate(root, (clock ?? TimeProvider.System).GetUtcNow(), problems);
        var lookback = ReadLookbackWindowDays(root, problems);
        var baseUrl = ReadBaseUrl(root, problems);
        var account = ReadAccount(root, problems);

        var unknown = UnknownConfigKeys.Find(root);
        if (problems.Count > 0)
        {
            var hint = unknown.Count == 0 ? "" : " " + UnknownConfigKeys.Hint(unknown);
            throw new AirbyteConfigException($"{sourceName} is not valid: {string.Join("; ", problems)}.{hint}");
        }
        if (unknown.Count > 0)
            warn?.Invoke(UnknownConfigKeys.Warning(sourceName, unknown));
        return new SourceConfig(secretKey!, startDate!.Value, lookback, baseUrl, account);
    }

    private static JsonDocument ParseDocument(string json, string sourceName)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new AirbyteConfigException($"{sourceName} is empty; it must hold a JSON object with secret_key and start_date.");
        return InputFile.ParseJson(json, sourceName);
    }

    private static string? ReadSecretKey(JsonElement root, Func<string, string?> environment, List<string> problems)
    {
        const string field = SourceConfig.SecretKeyField;
        string? key;
        string origin;
        if (root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                problems.Add($"{field} must be a string, found {Describe(value.ValueKind)}");
                return null;
            }
            key = value.GetString();
            origin = field;
        }
        else
        {
            key = environment(SourceConfig.SecretKeyEnvironmentVariable);
            origin = $"{field} (from the environment variable {SourceConfig.SecretKeyEnvironmentVariable})";
            if (string.IsNullOrEmpty(key))
            {
                problems.Add($"{field} is missing: set it in the config file or in the environment variable {SourceConfig.SecretKeyEnvironmentVariable}");
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            problems.Add($"{origin} is empty");
            return null;
        }
        if (!FullMatch(SecretKeyRegex(), key))
        {
            var hint = key.Trim() != key ? " and has leading or trailing spaces" : "";
            problems.Add($"{origin} does not look like a Paystack secret key{hint} (expected sk_live_..., sk_test_..., rk_live_... or rk_test_...)");
            return null;
        }
        return key;
    }

    private static DateTimeOffset? ReadStartDate(JsonElement root, DateTimeOffset now, List<string> problems)
    {
        const string field = SourceConfig.StartDateField;
        const string expected = "expected a UTC date and time like 2017-01-25T00:00:00Z";
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add($"{field} is missing ({expected})");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{field} must be a string, found {Describe(value.ValueKind)} ({expected})");
            return null;
        }
        var text = value.GetString()!;
        if (!FullMatch(StartDateRegex(), text))
        {
            problems.Add($"{field} '{Shorten(text)}' is not in the format YYYY-MM-DDTHH:MM:SSZ ({expected})");
            return null;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            problems.Add($"{field} '{Shorten(text)}' is not a real date and time");
            return null;
        }
        if (StartDateRange.Problem(parsed, now) is { } outOfRange)
        {
            problems.Add(outOfRange);
            return null;
        }
        return parsed;
    }

    private static int ReadLookbackWindowDays(JsonElement root, List<string> problems)
    {
        const string field = SourceConfig.LookbackWindowDaysField;
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            problems.Add($"{field} must be a whole number of days, found {Describe(value.ValueKind)}");
            return 0;
        }
        if (!value.TryGetInt32(out var days))
        {
            problems.Add($"{field} must be a whole number of days, found {value.GetRawText()}");
            return 0;
        }
        if (days < 0)
        {
            problems.Add($"{field} must be 0 or more, found {days}");
            return 0;
        }
        // A century already reaches back past start_date; millions of days would overflow the date arithmetic of a run.
        if (days > MaxLookbackWindowDays)
        {
            problems.Add($"{field} must be at most {MaxLookbackWindowDays} (100 years), found {days}");
            return 0;
        }
        return days;
    }

    private static string? ReadAccount(JsonElement root, List<string> problems)
    {
        const string field = SourceConfig.AccountField;
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String || !System.Text.RegularExpressions.Regex.IsMatch(value.GetString()!, SourceConfig.AccountPattern))
        {
            problems.Add($"{field} must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit (e.g. acme-ng)");
            return null;
        }
        return value.GetString();
    }

    private static Uri? ReadBaseUrl(JsonElement root, List<string> problems)
    {
        const string field = SourceConfig.BaseUrlField;
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{field} must be a string, found {Describe(value.ValueKind)}");
            return null;
        }
        var text = value.GetString()!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{field} '{Shorten(text)}' is not an absolute http(s) URL (e.g. https://api.paystack.co/)");
            return null;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            problems.Add($"{field} '{Shorten(text)}' must use https; plain http is allowed only for localhost, because the key is sent with every request");
            return null;
        }
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problems.Add($"{field} '{Shorten(text)}' must not carry a query or fragment");
            return null;
        }
        // Endpoint paths are resolved relative to the base, which needs a trailing slash to keep its own path.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    // '$' also matches before a final line break; a key with one would be sent broken.
    private static bool FullMatch(Regex regex, string text) => !text.EndsWith('\n') && regex.IsMatch(text);

    /// <summary>Quotes a bad value back to the user, unless it could be a key typed into the wrong field.</summary>
    private static string Shorten(string text) =>
        text.Contains("k_live_", StringComparison.OrdinalIgnoreCase) || text.Contains("k_test_", StringComparison.OrdinalIgnoreCase)
            ? "(a value that looks like a secret key, not shown)"
            : text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex(SourceConfig.SecretKeyPattern, RegexOptions.CultureInvariant)]
    private static partial Regex SecretKeyRegex();

    [GeneratedRegex(SourceConfig.StartDatePattern, RegexOptions.CultureInvariant)]
    private static partial Regex StartDateRegex();
}
