using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The bookkeeping and lease against a real PostgreSQL server, each test in its own fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgresBookkeepingTests : DestinationBookkeepingTests
{
    private readonly PostgresTestSchema _test = new();

    public override Task InitializeAsync() => _test.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _test.DropAsync();
    }

    protected override IDestination CreateDestinationCore() =>
        new PostgresDestination(new PostgresDestinationOptions(_test.ConnectionString) { Schema = _test.Name });

    protected override Task DropTableAsync(string table) => _test.ExecuteAsync($"DROP TABLE {SqlIdentifier.Qualify(_test.Name, table)}");
}
