using Paystack.Actors.Cluster;
using Paystack.Host.Serve.Accounts;

namespace Paystack.Host.Serve.Cluster;

/// <summary>
/// The accounts of this node's accounts file as the account entities see them, replaced whole on every reload, so an
/// entity that starts here after a reload (or after its account moved here) finds the newest settings.
/// </summary>
internal sealed class ReloadingAccountDirectory : IAccountDirectory
{
    private volatile StaticAccountDirectory _current = new(new Dictionary<string, AccountDefinition>());

    public IReadOnlyCollection<string> Names => _current.Names;

    public AccountDefinition? Find(string account) => _current.Find(account);

    /// <summary>The served accounts of a load become the directory; its refused entries are left out.</summary>
    public void Replace(IEnumerable<ServeAccount> accounts) =>
        _current = new StaticAccountDirectory(accounts.ToDictionary(
            a => a.Name,
            a => new AccountDefinition(a.Request, a.Schedule.Next),
            StringComparer.Ordinal));
}
