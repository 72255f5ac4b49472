namespace Paystack.Actors.Cluster;

/// <summary>
/// The accounts a node serves, from the node's own accounts configuration. Every node is given the same accounts, so
/// an account's entity finds its definition on whichever node it starts. Calls come from actors: answer from memory.
/// </summary>
public interface IAccountDirectory
{
    /// <summary>Every account's name: the entity ids to start when a node comes up.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>The account's definition; null when the configuration has no such account (any more).</summary>
    AccountDefinition? Find(string account);
}
