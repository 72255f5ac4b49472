using Npgsql;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Engine;

namespace Paystack.Actors.Tests.Configuration;

public sealed class PostgresPoolTests
{
    private const string Server = "Host=db.example;Port=5433;Database=sync;Username=sync;Password=hunter22;Search Path=paystack";

    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_cap_and_keeps_everything_else()
    {
        var capped = new NpgsqlConnectionStringBuilder(PostgresPool.Capped(Server, 8));

        Assert.Equal(8, capped.MaxPoolSize);
        Assert.Equal(("db.example", 5433, "sync", "sync", "hunter22", "paystack"),
            (capped.Host, capped.Port, capped.Database, capped.Username, capped.Password, capped.SearchPath));
    }

    [Theory]
    [InlineData("Maximum Pool Size=50")]
    [InlineData("maximum pool size=50")]
    [InlineData("Max Pool Size=50")]
    [InlineData("MaxPoolSize=50")]
    public void A_pool_size_the_user_set_is_kept(string setting)
    {
        var own = Server + ";" + setting;

        Assert.Equal(own, PostgresPool.Capped(own, 8));
    }

    [Theory]
    [InlineData("", PostgresPool.DestinationConnections)]
    [InlineData(";Maximum Pool Size=2", 2)]
    public async Task A_destination_writes_as_many_streams_at_once_as_its_pool_has_connections(string setting, int streams)
    {
        await using var destination = new PostgresDestination(
            new PostgresDestinationOptions(Server + setting) { Schema = "paystack" });

        Assert.Equal(streams, destination.ConcurrentStreams);
    }

    [Fact]
    public void The_journal_caps_a_postgresql_pool_and_leaves_a_sqlite_file_alone()
    {
        var postgres = JournalConfig.PooledConnectionString(new PersistenceSettings("postgresql", Server));
        var sqlite = JournalConfig.PooledConnectionString(new PersistenceSettings("sqlite", "Data Source=journal.db"));

        Assert.Equal(PostgresPool.JournalConnections, new NpgsqlConnectionStringBuilder(postgres).MaxPoolSize);
        Assert.Equal("Data Source=journal.db", sqlite);
    }
}
