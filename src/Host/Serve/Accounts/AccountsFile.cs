using System.Text.Json;
using Paystack.Actors.Configuration;

namespace Paystack.Host.Serve.Accounts;

/// <summary>
/// The accounts file of <c>serve --accounts FILE</c>: a JSON object whose <c>accounts</c> array holds one entry per
/// account (<see cref="AccountEntryReader"/>). Each entry is checked on its own: a bad one is reported by its name and
/// the others are served. Two entries may not share a name or a destination (their rows and progress would mix).
/// Read again on every reload.
/// </summary>
/// <param name="defaults">What an entry that leaves a setting out gets from serve's command line.</param>
/// <param name="environment">Looks up the environment variables entries take their keys from; the process's by default.</param>
internal sealed class AccountsFile(string path, AccountDefaults defaults, Func<string, string?>? environment = null) : IAccountSource
{
    public const string AccountsField = "accounts";

    /// <summary>The opt-in to keys written into the file itself: without it such an entry is refused.</summary>
    public const string AllowInlineKeyField = "allow_inline_key";

    private static readonly string[] KnownFields = [AccountsField, AllowInlineKeyField];

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string? WatchedFile => Path;

    /// <exception cref="ArgumentException">The file is missing, unreadable, not JSON or not an object with an accounts array.</exception>
    public AccountsLoad Load()
    {
        using var document = Parse(Read());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw Invalid($"it must hold a JSON object with an \"{AccountsField}\" array, found {root.ValueKind.ToString().ToLowerInvariant()}");
        foreach (var field in root.EnumerateObject().Select(p => p.Name).Where(n => !KnownFields.Contains(n, StringComparer.Ordinal)))
            throw Invalid($"unknown key '{field}'{Hint(field, KnownFields)}; it holds \"{AccountsField}\" and optionally \"{AllowInlineKeyField}\"");
        if (!root.TryGetProperty(AccountsField, out var entries) || entries.ValueKind != JsonValueKind.Array)
            throw Invalid($"\"{AccountsField}\" must be an array of account entries");
        var allowInlineKey = false;
        if (root.TryGetProperty(AllowInlineKeyField, out var allow))
        {
            if (allow.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw Invalid($"\"{AllowInlineKeyField}\" must be true or false");
            allowInlineKey = allow.GetBoolean();
        }

        var reader = new AccountEntryReader(System.IO.Path.GetDirectoryName(Path)!, allowInlineKey, defaults,
            environment ?? Environment.GetEnvironmentVariable);
        var accounts = new List<ServeAccount>();
        var problems = new List<AccountProblem>();
        var number = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var read = reader.Read(entry, ++number);
            if (read.Problem is { } problem)
                problems.Add(problem);
            else if (Clash(read.Account!, accounts) is { } clash)
                problems.Add(new AccountProblem(read.Account!.Name, clash));
            else
                accounts.Add(read.Account!);
        }
        return new AccountsLoad(accounts, problems);
    }

    /// <summary>Why <paramref name="account"/> cannot be served beside those before it: a name or a destination taken.</summary>
    private static string? Clash(ServeAccount account, IEnumerable<ServeAccount> earlier)
    {
        foreach (var other in earlier)
        {
            if (string.Equals(other.Name, account.Name, StringComparison.OrdinalIgnoreCase))
                return $"the name {account.Name} is taken by an earlier entry ({other.Name}); account names must differ";
            if (DestinationIdentity.Of(other.Request.Destination) == DestinationIdentity.Of(account.Request.Destination))
                return $"its destination {account.Request.Destination} is account {other.Name}'s too; two accounts in one destination " +
                       "would write the same tables, so give each its own database file or PostgreSQL schema (Search Path)";
        }
        return null;
    }

    private string Read()
    {
        try
        {
            return File.ReadAllText(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArgumentException($"Accounts file '{Path}' does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Accounts file '{Path}' cannot be read: {e.Message}");
        }
    }

    private JsonDocument Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException invalid)
        {
            throw Invalid($"it is not valid JSON ({invalid.Message})");
        }
    }

    private ArgumentException Invalid(string problem) => new($"Accounts file '{Path}' is not valid: {problem}.");

    internal static string Hint(string name, IEnumerable<string> known) =>
        ClosestName.Find(name, known) is { } closest ? $" (did you mean {closest}?)" : "";
}
