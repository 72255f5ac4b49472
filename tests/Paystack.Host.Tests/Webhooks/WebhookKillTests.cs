using Paystack.Actors.Destinations.Sqlite;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Serve;
using Paystack.Sandbox.Webhooks;
using static Paystack.Host.Tests.Webhooks.WebhookEnvironment;

namespace Paystack.Host.Tests.Webhooks;

/// <summary>A real serve process killed with SIGKILL after answering 200 to events it had not applied yet.</summary>
public sealed class WebhookKillTests
{
    private static readonly Dictionary<string, string?> TokenEnvironment = new() { ["PAYSTACK_SYNC_ADMIN_TOKEN"] = ServeEnvironment.Token };

    [Fact]
    public async Task Events_accepted_but_not_applied_before_a_SIGKILL_are_applied_after_the_restart()
    {
        await using var environment = await ServeEnvironment.StartAsync(extraHocon: Hocon());
        var adminPort = ServeEnvironment.FreePort();
        var webhookUrl = new Uri($"http://127.0.0.1:{ServeEnvironment.FreePort()}/paystack");
        string[] Arguments(params string[] extra) =>
            environment.ServeArguments(adminPort, ["--streams", "transactions,refunds", "--webhook-urls", $"http://127.0.0.1:{webhookUrl.Port}", .. extra]);
        using var admin = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{adminPort}/"));
        List<RecordChange> changes;

        await using (var first = RunningCli.Start(Arguments(), TokenEnvironment))
        {
            await ServeEnvironment.WaitForAsync(admin, ServeEnvironment.LastRunSucceeded, TimeSpan.FromSeconds(90));
            // Holding the destination as a run would keeps the events from being applied: they are only accepted.
            await using var blocker = new SqliteDestination(new SqliteDestinationOptions(environment.DestinationPath));
            await using var lease = await blocker.LeaseAsync("test-blocker", TimeSpan.Zero, CancellationToken.None);
            var changer = new RecordChanges(environment.Sandbox.Store);
            changes = [.. environment.Sandbox.Store.Ids("transaction").Take(3).Select(id => changer.Change("transaction", id)),
                       .. environment.Sandbox.Store.Ids("refund").Take(2).Select(id => changer.Change("refund", id))];

            var report = await new WebhookSender(webhookUrl, environment.SecretKey).DeliverAsync(changes);

            Assert.Equal(changes.Count, report.StatusCounts[200]);
            var accepted = await StatusAsync(admin);
            Assert.Equal((changes.Count, changes.Count, 0L), (accepted.Received, accepted.Pending, accepted.Applied));
            await first.KillAsync();
        }
        Assert.Equal(changes.Count, Stale(environment.Sandbox, environment.DestinationPath, changes).Count);

        await using var second = RunningCli.Start(Arguments("--no-run-at-start"), TokenEnvironment);
        var status = await WaitForSettledAsync(admin, changes.Count, TimeSpan.FromSeconds(90));

        Assert.Equal(changes.Count, status.Applied);
        Assert.Empty(Stale(environment.Sandbox, environment.DestinationPath, changes));
        Assert.Equal(changes.Count, EventRows(environment.DestinationPath).Count);
        await second.TerminateAsync(TimeSpan.FromSeconds(60));
    }
}
