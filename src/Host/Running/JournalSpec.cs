using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;

namespace Paystack.Host.Running;

/// <summary>Reads <c>--journal sqlite:PATH | postgres:CONNECTION-STRING</c> into the persistence settings.</summary>
internal static class JournalSpec
{
    /// <exception cref="ArgumentException">Not a journal spec; the message names --journal and never a password.</exception>
    public static PersistenceSettings Parse(string spec)
    {
        DestinationSpec parsed;
        try
        {
            // The same two kinds and the same checks as a destination; only the noun in the message differs.
            parsed = DestinationSpec.Parse(spec);
        }
        catch (ArgumentException invalid)
        {
            var message = ArgumentMessages.Of(invalid).Replace("destination", "journal", StringComparison.Ordinal);
            throw new ArgumentException($"--journal: {message}");
        }
        return parsed.Kind == DestinationKind.Sqlite
            ? new PersistenceSettings("sqlite", $"Data Source={parsed.Target}")
            : new PersistenceSettings("postgresql", parsed.Target);
    }
}
