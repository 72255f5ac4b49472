namespace Paystack.Actors.Destinations.Postgres;

/// <summary>Where a <see cref="PostgresDestination"/> writes.</summary>
/// <param name="ConnectionString">An Npgsql connection string (<c>Host=...;Port=...;Username=...;Database=...</c>).</param>
public sealed record PostgresDestinationOptions(string ConnectionString)
{
    /// <summary>The schema holding the stream tables; created when missing.</summary>
    public string Schema { get; init; } = "public";

    /// <summary>Put before every stream's table name, e.g. <c>paystack_</c> gives <c>paystack_transactions</c>.</summary>
    public string TablePrefix { get; init; } = "";

    /// <summary>The connection string with any password replaced, for messages.</summary>
    public override string ToString() =>
        $"PostgresDestinationOptions {{ ConnectionString = {ConnectionStrings.MaskPassword(ConnectionString)}, Schema = {Schema}, TablePrefix = {TablePrefix} }}";
}
