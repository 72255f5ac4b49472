namespace Paystack.Host.Serve.Accounts;

/// <summary>What a reload of the accounts file goes to: the accounts of one process, or this node's share of a cluster's.</summary>
internal interface IAccountsTarget
{
    /// <summary>Moves to the accounts of <paramref name="load"/> without a restart.</summary>
    Task ApplyAsync(AccountsLoad load);

    /// <summary>The file could not be read at all: nothing changes, and the problem is shown.</summary>
    void SourceFailed(string problem);
}
