using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Destinations.Sqlite;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

public sealed class DestinationFactoryTests : IDisposable
{
    private const string Secret = "s3cr3t-Pa55";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_sqlite_spec_builds_a_working_sqlite_destination()
    {
        var path = _folder.File("from-spec.db");

        await using var destination = DestinationFactory.Create($"sqlite:{path}");

        var sqlite = Assert.IsType<SqliteDestination>(destination);
        Assert.Equal(path, sqlite.Path);
        var stream = TestRecords.Stream("disputes");
        await destination.BeginStreamAsync(stream, WriteMode.Append, "run-1", CancellationToken.None);
        await destination.WriteAsync(stream, [TestRecords.Make(1)], null, CancellationToken.None);
        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData("postgres:Host=127.0.0.1;Port=5432;Username=sync;Database=paystack")]
    [InlineData("postgresql:Host=db.internal;Username=sync;Password=x;Database=paystack")]
    [InlineData("POSTGRES: Host=db;Database=paystack")]
    public async Task A_postgres_spec_builds_a_postgres_destination_without_connecting(string spec)
    {
        await using var destination = DestinationFactory.Create(spec);

        var postgres = Assert.IsType<PostgresDestination>(destination);
        Assert.Equal("public", postgres.Schema);
    }

    [Fact]
    public async Task The_search_path_of_a_postgres_spec_names_the_schema()
    {
        await using var destination = DestinationFactory.Create("postgres:Host=db;Database=paystack;Search Path=raw_paystack,public");

        Assert.Equal("raw_paystack", Assert.IsType<PostgresDestination>(destination).Schema);
    }

    [Fact]
    public void A_spec_prints_with_its_password_masked()
    {
        var spec = DestinationSpec.Parse($"postgres:Host=db;Username=sync;Password={Secret};Database=paystack");

        Assert.Equal(DestinationKind.Postgres, spec.Kind);
        Assert.DoesNotContain(Secret, spec.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", spec.ToString(), StringComparison.Ordinal);
        Assert.Contains("Host=db", spec.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, new PostgresDestinationOptions(spec.Target).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("mysql:Server=db", "Unknown destination kind 'mysql'")]
    [InlineData("paystack.db", "no known kind")]
    [InlineData("sqlite:", "needs a file path")]
    [InlineData("postgres:", "needs a connection string")]
    [InlineData("postgres:Database=paystack", "names no Host")]
    [InlineData("postgres://sync:pw@db/paystack", "not a URL")]
    [InlineData("postgres:Host=db;Colour=blue", "not valid")]
    public void A_bad_spec_is_rejected_with_a_message_naming_the_problem(string spec, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => DestinationFactory.Create(spec));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData($"postgres:Host=db;Username=sync;Password={Secret};Colour=blue")]
    [InlineData($"postgres:Username=sync;Password={Secret};Database=paystack")]
    [InlineData($"postgres:Host=db;Password={Secret};Port=notaport")]
    [InlineData($"Host=db;Username=sync;Password={Secret}")]
    [InlineData($"pg:Host=db;Username=sync;Password={Secret}")]
    [InlineData($"postgres://sync:{Secret}@db/paystack")]
    public void A_rejected_spec_never_echoes_its_password(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => DestinationFactory.Create(spec));

        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("_paystack_sync_staging")]
    [InlineData("transactions__staging")]
    [InlineData("this_stream_name_is_far_too_long_to_be_a_postgres_table_name")]
    [InlineData("bad\u0001name")]
    public async Task A_stream_name_that_cannot_be_a_table_is_refused(string name)
    {
        await using var destination = DestinationFactory.Create($"sqlite:{_folder.File("names.db")}");

        await Assert.ThrowsAsync<ArgumentException>(
            () => destination.BeginStreamAsync(TestRecords.Stream(name), WriteMode.Append, "run-1", CancellationToken.None));
    }
}
