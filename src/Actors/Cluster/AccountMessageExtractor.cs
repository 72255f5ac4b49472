using Akka.Cluster.Sharding;

namespace Paystack.Actors.Cluster;

/// <summary>
/// Routes an <see cref="IAccountCommand"/> to its account's entity: the entity id is the account name, the shard a hash
/// of it. The messages go to the entity as they are (they name their account themselves).
/// </summary>
public sealed class AccountMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public override string? EntityId(object message) => (message as IAccountCommand)?.Account;
}
