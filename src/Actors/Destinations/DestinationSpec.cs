using System.Text.RegularExpressions;
using Npgsql;

namespace Paystack.Actors.Destinations;

/// <summary>
/// A destination as the command line names it: <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>
/// (<c>postgresql:</c> is accepted too). <see cref="ToString"/> masks the password, so a spec can be logged.
/// </summary>
/// <param name="Kind">Which database.</param>
/// <param name="Target">The file path or the connection string, as given.</param>
public sealed partial record DestinationSpec(DestinationKind Kind, string Target)
{
    private const string Expected = "Expected 'sqlite:PATH' or 'postgres:Host=...;Port=...;Username=...;Database=...'.";

    /// <summary>Parses a spec, with a message that names the problem (and never the password) when it is wrong.</summary>
    /// <exception cref="ArgumentException">The spec is empty, names an unknown kind or has an invalid target.</exception>
    public static DestinationSpec Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new ArgumentException($"The destination is empty. {Expected}", nameof(spec));
        }

        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : spec[..colon].Trim();
        var target = colon < 0 ? "" : spec[(colon + 1)..].Trim();
        switch (kind.ToLowerInvariant())
        {
            case "sqlite":
                return new DestinationSpec(DestinationKind.Sqlite, ParseSqlitePath(target));
            case "postgres":
            case "postgresql":
                return new DestinationSpec(DestinationKind.Postgres, ParseConnectionString(target));
            default:
                // Echo the kind only when it is a plain word: an unprefixed connection string would carry its password.
                var shown = PlainWord().IsMatch(kind) ? $"Unknown destination kind '{kind}'." : "The destination has no known kind prefix.";
                throw new ArgumentException($"{shown} {Expected}", nameof(spec));
        }
    }

    /// <summary>The schema named by the connection string's <c>Search Path</c>, if any.</summary>
    public string? PostgresSchema()
    {
        if (Kind != DestinationKind.Postgres)
        {
            return null;
        }

        var searchPath = new NpgsqlConnectionStringBuilder(Target).SearchPath;
        var first = searchPath?.Split(',')[0].Trim().Trim('"');
        return string.IsNullOrEmpty(first) ? null : first;
    }

    /// <summary>The spec with any password masked, safe for logs and messages.</summary>
    public override string ToString() => Kind switch
    {
        DestinationKind.Sqlite => $"sqlite:{Target}",
        _ => $"postgres:{ConnectionStrings.MaskPassword(Target)}",
    };

    private static string ParseSqlitePath(string path)
    {
        if (path.Length == 0)
        {
            throw new ArgumentException("The SQLite destination needs a file path, e.g. 'sqlite:./paystack.db'.", "spec");
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        }

        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw new ArgumentException("The SQLite destination path contains characters a file path cannot hold.", "spec");
        }

        return path;
    }

    private static string ParseConnectionString(string connectionString)
    {
        if (connectionString.Length == 0)
        {
            throw new ArgumentException(
                "The PostgreSQL destination needs a connection string, e.g. 'postgres:Host=127.0.0.1;Port=5432;Username=me;Database=paystack'.",
                "spec");
        }

        if (connectionString.StartsWith("//", StringComparison.Ordinal) || connectionString.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "The PostgreSQL destination takes a key=value connection string, not a URL: " +
                "write 'postgres:Host=...;Port=...;Username=...;Password=...;Database=...'.", "spec");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException(
                $"The PostgreSQL connection string is not valid: {WithoutSecrets(ex.Message, connectionString)}", "spec");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException(
                $"The PostgreSQL connection string names no Host: {ConnectionStrings.MaskPassword(connectionString)}", "spec");
        }

        return connectionString;
    }

    // Parser messages rarely quote values, but if one quotes the password it must not reach the user's terminal.
    private static string WithoutSecrets(string message, string connectionString)
    {
        foreach (Match match in PasswordValue().Matches(connectionString))
        {
            var secret = match.Groups["value"].Value.Trim().Trim('\'', '"');
            if (secret.Length > 0)
            {
                message = message.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return message;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.+-]{0,19}$")]
    private static partial Regex PlainWord();

    [GeneratedRegex(@"(?i)(?:password|pwd)\s*=\s*(?<value>[^;]*)")]
    private static partial Regex PasswordValue();
}
