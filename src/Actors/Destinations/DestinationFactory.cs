using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Destinations.Sqlite;

namespace Paystack.Actors.Destinations;

/// <summary>Builds the destination a spec names (<c>sqlite:PATH</c>, <c>postgres:CONNECTION_STRING</c>).</summary>
public static class DestinationFactory
{
    /// <summary>Parses <paramref name="spec"/> and builds its destination; nothing connects until the first stream begins.</summary>
    /// <exception cref="ArgumentException">The spec is not valid; the message names the problem and masks any password.</exception>
    public static IDestination Create(string spec, string tablePrefix = "") => Create(DestinationSpec.Parse(spec), tablePrefix);

    /// <summary>Builds the destination of an already parsed spec.</summary>
    public static IDestination Create(DestinationSpec spec, string tablePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            DestinationKind.Sqlite => new SqliteDestination(new SqliteDestinationOptions(spec.Target) { TablePrefix = tablePrefix }),
            DestinationKind.Postgres => new PostgresDestination(new PostgresDestinationOptions(spec.Target)
            {
                Schema = spec.PostgresSchema() ?? "public",
                TablePrefix = tablePrefix,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown destination kind."),
        };
    }
}
