using Akka.Actor;
using Akka.Cluster.Sharding;

namespace Paystack.Actors.Cluster;

/// <summary>Starts the account entities' shard region on a node and wakes the accounts it is configured with.</summary>
public static class AccountSharding
{
    /// <summary>The sharded type's name: part of the coordinator's and shards' persistence ids, so it stays fixed.</summary>
    public const string TypeName = "account";

    /// <summary>
    /// Starts this node's shard region of account entities and returns it: tell it any <see cref="IAccountCommand"/> (or
    /// Ask it), and the command reaches the account's entity on whichever node owns it.
    /// </summary>
    public static Task<IActorRef> StartAsync(AccountEntityServices services, int numberOfShards, string typeName = TypeName)
    {
        var system = services.Engine.System;
        return ClusterSharding.Get(system).StartAsync(
            typeName,
            account => AccountEntity.Props(account, services),
            ClusterShardingSettings.Create(system).WithRememberEntities(true),
            new AccountMessageExtractor(numberOfShards),
            ClusterSharding.Get(system).DefaultShardAllocationStrategy(ClusterShardingSettings.Create(system)),
            AccountEntity.HandOff.Instance);
    }

    /// <summary>
    /// Makes sure every configured account has a live entity somewhere (remembered from then on, so its schedule survives
    /// the loss of its node). Safe to call on every node's start and after each reload of the accounts.
    /// </summary>
    /// <returns>The node each account lives on.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> WakeAllAsync(
        IActorRef region, IAccountDirectory directory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var awake = await Task.WhenAll(directory.Names.Select(account =>
            region.Ask<AccountReplies.Awake>(new AccountCommands.WakeUp(account), timeout, cancellationToken)));
        return awake.ToDictionary(a => a.Account, a => a.Node, StringComparer.Ordinal);
    }
}
