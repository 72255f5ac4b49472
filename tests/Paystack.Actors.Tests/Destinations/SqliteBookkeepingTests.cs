using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Sqlite;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The bookkeeping and lease of a real SQLite file in a temp folder.</summary>
public sealed class SqliteBookkeepingTests : DestinationBookkeepingTests
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => _folder.File("sync.db");

    protected override IDestination CreateDestinationCore() => new SqliteDestination(new SqliteDestinationOptions(DatabasePath));

    protected override async Task DropTableAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP TABLE {SqlIdentifier.Quote(table)}";
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_lease_is_a_lock_on_a_file_next_to_the_database()
    {
        await using var lease = await CreateDestinationCore().LeaseAsync("test-a", TimeSpan.Zero, CancellationToken.None);

        Assert.True(File.Exists(DatabasePath + ".lock"));
        Assert.Throws<IOException>(() => new FileStream(DatabasePath + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None));
    }
}
