namespace Paystack.Actors.Destinations.Tables;

/// <summary>Quotes identifiers the way both SQLite and PostgreSQL read them (double quotes, inner quotes doubled).</summary>
internal static class SqlIdentifier
{
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An identifier must not contain a NUL character.", nameof(identifier));
        }

        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A schema-qualified name, e.g. <c>"public"."transactions"</c>.</summary>
    public static string Qualify(string schema, string identifier) => Quote(schema) + "." + Quote(identifier);
}
