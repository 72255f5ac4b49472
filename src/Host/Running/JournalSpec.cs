using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;

namespace Paystack.Host.Running;

/// <summary>Reads <c>--journal sqlite:PATH | postgres:CONNECTION-STRING</c> into the persistence settings.</summary>
internal static class JournalSpec
{
    public static PersistenceSettings Parse(string spec)
    {
        var parsed = DestinationSpec.Parse(spec);
        return parsed.Kind == DestinationKind.Sqlite
            ? new PersistenceSettings("sqlite", $"Data Source={parsed.Target}")
            : new PersistenceSettings("postgresql", parsed.Target);
    }
}
