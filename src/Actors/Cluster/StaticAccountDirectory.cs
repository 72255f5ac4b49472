namespace Paystack.Actors.Cluster;

/// <summary>Accounts held in memory, as read from a node's configuration at start (or rebuilt on each reload).</summary>
public sealed class StaticAccountDirectory(IReadOnlyDictionary<string, AccountDefinition> accounts) : IAccountDirectory
{
    private readonly Dictionary<string, AccountDefinition> _accounts = new(accounts, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _accounts.Keys;

    public AccountDefinition? Find(string account) => _accounts.GetValueOrDefault(account);
}
