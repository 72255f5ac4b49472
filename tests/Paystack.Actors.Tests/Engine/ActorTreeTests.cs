using Akka.Actor;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync;
using SyncMode = Paystack.Actors.State.SyncMode;

namespace Paystack.Actors.Tests.Engine;

public sealed class ActorTreeTests : TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Lists_the_registered_actors_and_the_live_streams_and_fetchers_of_their_jobs()
    {
        var supervisor = Sys.ActorOf(Tree.Props("transactions/fetcher-1", "transactions/fetcher-2", "customers/fetcher-1"), "sync-run-1");
        var sink = Sys.ActorOf(Tree.Props(), "sink-run-1");
        var actors = new EngineActors();
        actors.JobStarted(new RunningJob("run-1", Job("transactions", "customers", "refunds"), supervisor, sink));

        // A finished stream's actor is gone, and so are its fetchers.
        var customers = await supervisor.Ask<IActorRef>("customers", Timeout);
        Watch(customers);
        Sys.Stop(customers);
        await ExpectTerminatedAsync(customers);

        var live = await ActorTree.LiveAsync(Sys, actors, fetchersPerStream: 2, maxDepth: 6, Timeout, CancellationToken.None);

        Assert.Equal(
        [
            "/user/sink-run-1",
            "/user/sync-run-1",
            "/user/sync-run-1/transactions",
            "/user/sync-run-1/transactions/fetcher-1",
            "/user/sync-run-1/transactions/fetcher-2",
        ], live);
    }

    [Fact]
    public async Task Lists_no_deeper_than_asked_and_forgets_ended_jobs()
    {
        var supervisor = Sys.ActorOf(Tree.Props("transactions/fetcher-1"), "sync-run-2");
        var actors = new EngineActors();
        var sink = Sys.ActorOf(Tree.Props(), "sink-run-2");
        actors.JobStarted(new RunningJob("run-2", Job("transactions"), supervisor, sink));
        var limiter = actors.RateLimiter("test-account", _ => Sys.ActorOf(Tree.Props(), "rate-limiter-test-account"));

        Assert.Equal(["/user/rate-limiter-test-account", "/user/sink-run-2", "/user/sync-run-2"],
            await ActorTree.LiveAsync(Sys, actors, fetchersPerStream: 1, maxDepth: 1, Timeout, CancellationToken.None));

        actors.JobEnded("run-2");
        Assert.Equal([limiter.Path.ToStringWithoutAddress()],
            await ActorTree.LiveAsync(Sys, actors, fetchersPerStream: 1, maxDepth: 6, Timeout, CancellationToken.None));
    }

    private static SyncJob Job(params string[] streams) => SyncJobs.For(
        new SourceConfig("sk_test_tree", DateTimeOffset.UnixEpoch),
        streams.Select(s => new StreamSelection(StreamCatalog.Get(s), SyncMode.Incremental, WriteMode.Append)).ToList());

    /// <summary>An actor that starts the children named in "child/grandchild" paths and answers a child's name with it.</summary>
    private sealed class Tree : ReceiveActor
    {
        public static Props Props(params string[] descendants) => Akka.Actor.Props.Create(() => new Tree(descendants));

        public Tree(string[] descendants)
        {
            foreach (var group in descendants.GroupBy(d => d.Split('/', 2)[0]))
                Context.ActorOf(Props(group.Where(d => d.Contains('/')).Select(d => d.Split('/', 2)[1]).ToArray()), group.Key);
            Receive<string>(name => Sender.Tell(Context.Child(name)));
        }
    }
}
