using System.Net;
using Microsoft.Data.Sqlite;
using Paystack.Host.Serve;
using Paystack.Host.Tests.Sync;

namespace Paystack.Host.Tests.Serve;

/// <summary><c>serve --journal</c> keeps the runs' progress where it says, and readiness asks that journal.</summary>
[Collection(ServeCollection.Name)]
public sealed class ServeJournalTests
{
    private const string Streams = "transactions,customers";

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task The_journal_option_holds_the_progress_and_a_restart_resumes_from_it(string kind)
    {
        await using var environment = await ServeEnvironment.StartAsync(
            sandbox => sandbox.Faults.Latency = TimeSpan.FromMilliseconds(200), ServeEnvironment.SlowEngine);
        var (spec, countEvents) = await ServeJournals.CreateAsync(kind, environment.Folder);
        string[] journal = ["--journal", spec];

        var log = new LockedStringWriter();
        await using (var host = await ServeHost.StartAsync(environment.Options(streams: Streams, extra: journal), log))
        {
            using var client = ServeEnvironment.Client(host.Addresses[0]);
            var midRun = await ServeEnvironment.WaitForAsync(client, s =>
                s.CurrentRun is not null && s.Streams.Any(x => x.PagesDone >= 2), TimeSpan.FromSeconds(60));
            Assert.Contains(midRun.Streams, x => x.State != "completed");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz/ready")).StatusCode);
        }

        Assert.True(await countEvents() > 0, $"no event reached the {kind} journal");
        Assert.False(File.Exists(environment.JournalPath), "the journal of the HOCON file was used instead of --journal");
        Assert.Contains($"journal in {(kind == "sqlite" ? "sqlite" : "postgresql")}", log.ToString());

        environment.Sandbox.Faults.Latency = TimeSpan.Zero;
        var eventsBefore = await countEvents();
        await using var again = await ServeHost.StartAsync(environment.Options(streams: Streams, extra: journal), new LockedStringWriter());
        using var adminClient = ServeEnvironment.Client(again.Addresses[0]);
        var done = await ServeEnvironment.WaitForAsync(adminClient, ServeEnvironment.LastRunSucceeded);

        Assert.Contains(done.Streams, s => s.Resumed);
        Assert.True(await countEvents() > eventsBefore, "the resumed run journaled nothing");
        foreach (var stream in Streams.Split(','))
            Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(stream));
        Assert.False(File.Exists(environment.JournalPath));
    }

    [Fact]
    public async Task Readiness_asks_the_journal_the_option_names()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        var folder = Path.Combine(environment.Folder, "journal-folder");

        await using (var host = await ServeHost.StartAsync(
            environment.Options(runAtStart: false, extra: ["--journal", $"sqlite:{Path.Combine(folder, "journal.db")}"]), new LockedStringWriter()))
        {
            using var client = ServeEnvironment.Client(host.Addresses[0]);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz/ready")).StatusCode);

            Directory.Delete(folder, recursive: true);
            SqliteConnection.ClearAllPools(); // a pooled connection would still answer from the deleted file
            var gone = await client.GetAsync("healthz/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
            Assert.Contains("journal (sqlite)", await gone.Content.ReadAsStringAsync());
        }

        // Nothing listens on port 1: the HOCON file's SQLite journal would answer, the PostgreSQL one named here cannot.
        const string password = "not-a-real-password-77";
        await using (var host = await ServeHost.StartAsync(environment.Options(runAtStart: false, extra:
            ["--journal", $"postgres:Host=127.0.0.1;Port=1;Username=nobody;Password={password};Database=none;Timeout=2"]), new LockedStringWriter()))
        {
            using var client = ServeEnvironment.Client(host.Addresses[0]);
            var down = await client.GetAsync("healthz/ready");
            var body = await down.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("journal (postgresql)", body);
            Assert.DoesNotContain(password, body);
        }
    }
}
