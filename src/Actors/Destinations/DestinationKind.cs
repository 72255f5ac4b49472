namespace Paystack.Actors.Destinations;

/// <summary>The database a destination spec names.</summary>
public enum DestinationKind
{
    /// <summary><c>sqlite:PATH</c></summary>
    Sqlite,
    /// <summary><c>postgres:CONNECTION_STRING</c></summary>
    Postgres,
}
