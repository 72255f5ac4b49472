using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Host.Running;

namespace Paystack.Host.Serve.Accounts;

/// <summary>
/// Reads one entry of the accounts file: its name, its key (from an environment variable or a file; written into the
/// file only with allow_inline_key), the source settings of a config file, its destination, schedule, streams and mode.
/// Every problem of the entry is reported at once, in one sentence that names the entry and never holds the key.
/// </summary>
/// <param name="folder">Relative paths (destination, key file) are taken from the accounts file's folder.</param>
internal sealed partial class AccountEntryReader(string folder, bool allowInlineKey, AccountDefaults defaults, Func<string, string?> environment)
{
    public const string NameField = "name";
    public const string KeyEnvironmentField = "secret_key_env";
    public const string KeyFileField = "secret_key_file";
    public const string DestinationField = "destination";
    public const string EveryField = "every";
    public const string CronField = "cron";
    public const string StreamsField = "streams";
    public const string ModeField = "mode";
    public const string FullRefreshField = "full_refresh";

    private static readonly string[] SourceFields =
    [
        SourceConfig.SecretKeyField, SourceConfig.StartDateField, SourceConfig.LookbackWindowDaysField, SourceConfig.BaseUrlField,
    ];

    private static readonly string[] KnownFields =
    [
        NameField, KeyEnvironmentField, KeyFileField, .. SourceFields, DestinationField, EveryField, CronField, StreamsField, ModeField, FullRefreshField,
    ];

    /// <summary>The account, or why the entry cannot be served.</summary>
    public sealed record Result(ServeAccount? Account, AccountProblem? Problem);

    /// <param name="number">The entry's place in the file, from 1: it names an entry without a usable name.</param>
    public Result Read(JsonElement entry, int number)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            return Refused($"entry {number}", "it must be a JSON object");
        var problems = new List<string>();
        var name = ReadName(entry, problems);
        var label = name ?? $"entry {number}";

        foreach (var field in entry.EnumerateObject().Select(p => p.Name).Where(n => !KnownFields.Contains(n, StringComparer.Ordinal)))
            problems.Add($"unknown key '{field}'{AccountsFile.Hint(field, KnownFields)}");
        var key = ReadKey(entry, problems);
        var destination = ReadDestination(entry, problems);
        var schedule = ReadSchedule(entry, problems);
        var streams = ReadStreams(entry, problems);
        var writeMode = ReadMode(entry, problems);
        var fullRefresh = ReadFlag(entry, FullRefreshField, problems);
        SourceConfig? source = null;
        if (name is not null)
        {
            try
            {
                // Without a usable key a stand-in one still lets a bad start_date or base_url be told now, not after the key is fixed.
                var parsed = SourceConfigReader.Parse(SourceJson(entry, key ?? PlaceholderKey, name), $"account {name}", environment: _ => null);
                if (key is not null) source = parsed;
            }
            catch (AirbyteConfigException invalid)
            {
                // "account acme is not valid: start_date is missing ...": the part after the first colon joins the entry's problems.
                problems.Add(invalid.Message[(invalid.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..].TrimEnd('.'));
            }
        }

        if (problems.Count > 0 || source is null || destination is null || schedule is null || streams is null || writeMode is null)
            return Refused(label, problems.Count > 0 ? string.Join("; ", problems) : "it is incomplete");

        var request = new SyncRequest(source, destination, streams, SyncCommandOptions.SyncModeFor(writeMode.Value, fullRefresh), writeMode.Value)
        {
            LeaseWait = defaults.LeaseWait,
        };
        return new Result(new ServeAccount(name!, request, schedule, Fingerprint(entry, key!)), null);
    }

    private static Result Refused(string label, string problem) => new(null, new AccountProblem(label, problem));

    /// <summary>Passes the key's shape check; never used for a request.</summary>
    private const string PlaceholderKey = "sk_test_0placeholder";

    private static string? ReadName(JsonElement entry, List<string> problems)
    {
        if (!entry.TryGetProperty(NameField, out var value) || value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"\"{NameField}\" is missing: every account needs a name (1 to 64 letters, digits, '_', '.' or '-')");
            return null;
        }
        var name = value.GetString()!;
        if (!AccountName().IsMatch(name))
        {
            problems.Add($"\"{NameField}\" must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
            return null;
        }
        return name;
    }

    /// <summary>Exactly one of the three places a key may come from.</summary>
    private string? ReadKey(JsonElement entry, List<string> problems)
    {
        var given = new[] { KeyEnvironmentField, KeyFileField, SourceConfig.SecretKeyField }
            .Where(f => entry.TryGetProperty(f, out var v) && v.ValueKind != JsonValueKind.Null).ToList();
        if (given.Count != 1)
        {
            problems.Add(given.Count == 0
                ? $"no key: give \"{KeyEnvironmentField}\" (the name of an environment variable holding it) or \"{KeyFileField}\" (a file holding it)"
                : $"give one key source, not {string.Join(" and ", given)}");
            return null;
        }
        var value = entry.GetProperty(given[0]);
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            problems.Add($"\"{given[0]}\" must be a non-empty string");
            return null;
        }
        var text = value.GetString()!;
        string? key;
        string origin;
        switch (given[0])
        {
            case KeyEnvironmentField:
                key = environment(text);
                origin = $"the environment variable {text}";
                if (string.IsNullOrEmpty(key))
                {
                    problems.Add($"its key's environment variable {text} is not set");
                    return null;
                }
                break;
            case KeyFileField:
                var path = Path.GetFullPath(text, folder);
                origin = $"the key file {path}";
                try
                {
                    // A key file written by an editor or `echo` ends with a line break, which is no part of the key.
                    key = File.ReadAllText(path).Trim();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"its key file {path} cannot be read ({(e is FileNotFoundException or DirectoryNotFoundException ? "it does not exist" : e.Message)})");
                    return null;
                }
                break;
            default:
                if (!allowInlineKey)
                {
                    problems.Add($"its key is written into the accounts file, which is often shared or committed: move it to an environment variable " +
                                 $"(\"{KeyEnvironmentField}\") or a file of its own (\"{KeyFileField}\"), or set \"{AccountsFile.AllowInlineKeyField}\": true at the top of the file");
                    return null;
                }
                key = text;
                origin = $"\"{SourceConfig.SecretKeyField}\"";
                break;
        }
        if (!SecretKeyShape().IsMatch(key) || key.EndsWith('\n'))
        {
            problems.Add($"the key in {origin} does not look like a Paystack secret key (expected sk_live_..., sk_test_..., rk_live_... or rk_test_...)");
            return null;
        }
        return key;
    }

    private DestinationSpec? ReadDestination(JsonElement entry, List<string> problems)
    {
        if (!entry.TryGetProperty(DestinationField, out var value) || value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"\"{DestinationField}\" is missing (sqlite:PATH or postgres:CONNECTION-STRING)");
            return null;
        }
        try
        {
            var spec = DestinationSpec.Parse(value.GetString());
            if (spec.Kind != DestinationKind.Sqlite) return spec;
            spec = DestinationSpec.Parse("sqlite:" + Path.GetFullPath(spec.Target, folder));
            SqliteFileCheck.EnsureWritable(spec.Target, "its destination");
            return spec;
        }
        catch (ArgumentException invalid)
        {
            problems.Add(invalid.Message.StartsWith("its destination", StringComparison.Ordinal)
                ? ArgumentMessages.Of(invalid)
                : $"\"{DestinationField}\": {ArgumentMessages.Of(invalid)}");
            return null;
        }
    }

    private RunSchedule? ReadSchedule(JsonElement entry, List<string> problems)
    {
        var every = ReadString(entry, EveryField, problems);
        var cron = ReadString(entry, CronField, problems);
        if (every is null && cron is null)
        {
            if (defaults.Schedule is { } schedule) return schedule;
            problems.Add($"no schedule: give \"{EveryField}\" (e.g. \"15m\") or \"{CronField}\" (e.g. \"*/15 * * * *\"), or serve --every/--cron for every entry");
            return null;
        }
        try
        {
            return RunSchedule.Parse(every, cron, EveryField, CronField);
        }
        catch (ArgumentException invalid)
        {
            problems.Add(ArgumentMessages.Of(invalid));
            return null;
        }
    }

    /// <summary>An array of stream names, or one comma-separated string as <c>--streams</c> takes; all streams when absent.</summary>
    private static IReadOnlyList<StreamDefinition>? ReadStreams(JsonElement entry, List<string> problems)
    {
        if (!entry.TryGetProperty(StreamsField, out var value) || value.ValueKind == JsonValueKind.Null) return StreamCatalog.All;
        string? list = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                string.Join(",", value.EnumerateArray().Select(e => e.GetString())),
            _ => null,
        };
        if (list is null)
        {
            problems.Add($"\"{StreamsField}\" must be an array of stream names");
            return null;
        }
        try
        {
            return SyncCommandOptions.ParseStreams(list);
        }
        catch (ArgumentException invalid)
        {
            problems.Add(ArgumentMessages.Of(invalid).Replace("--streams", $"\"{StreamsField}\"", StringComparison.Ordinal));
            return null;
        }
    }

    private static WriteMode? ReadMode(JsonElement entry, List<string> problems)
    {
        var mode = ReadString(entry, ModeField, problems);
        if (mode is null) return WriteMode.AppendDedup;
        try
        {
            return SyncCommandOptions.ParseWriteMode(mode);
        }
        catch (ArgumentException)
        {
            problems.Add($"\"{ModeField}\" must be append, overwrite or append_dedup (got '{mode}')");
            return null;
        }
    }

    private static bool ReadFlag(JsonElement entry, string field, List<string> problems)
    {
        if (!entry.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return false;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        problems.Add($"\"{field}\" must be true or false");
        return false;
    }

    private static string? ReadString(JsonElement entry, string field, List<string> problems)
    {
        if (!entry.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        problems.Add($"\"{field}\" must be a string");
        return null;
    }

    /// <summary>The entry's source settings in the config file's shape, so they are checked exactly as <c>--config</c> is.</summary>
    private static string SourceJson(JsonElement entry, string key, string name)
    {
        var source = new JsonObject { [SourceConfig.SecretKeyField] = key, [SourceConfig.AccountField] = name };
        foreach (var field in SourceFields.Skip(1))
            if (entry.TryGetProperty(field, out var value)) source[field] = JsonNode.Parse(value.GetRawText());
        return source.ToJsonString();
    }

    /// <summary>The entry as written plus a hash of its key: a key rolled in its file or variable changes it too.</summary>
    private static string Fingerprint(JsonElement entry, string key) =>
        entry.GetRawText() + "#" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [GeneratedRegex(SourceConfig.AccountPattern, RegexOptions.CultureInvariant)]
    private static partial Regex AccountName();

    [GeneratedRegex(SourceConfig.SecretKeyPattern, RegexOptions.CultureInvariant)]
    private static partial Regex SecretKeyShape();
}
