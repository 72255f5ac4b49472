namespace Paystack.Host.Serve.Accounts;

/// <summary>Where serve's accounts come from: the one account of <c>--config</c>, or an accounts file it reloads.</summary>
internal interface IAccountSource
{
    /// <summary>The file to watch for changes; null when the accounts never change while serving.</summary>
    string? WatchedFile { get; }

    /// <summary>Reads the accounts afresh.</summary>
    /// <exception cref="ArgumentException">The source as a whole cannot be read (a missing file, not JSON); the message says why.</exception>
    AccountsLoad Load();
}

/// <summary>The one account serve was given on its command line (<c>--config</c>, <c>--destination</c>, ...).</summary>
internal sealed class SingleAccount(ServeAccount account) : IAccountSource
{
    public ServeAccount Account { get; } = account;

    public string? WatchedFile => null;

    public AccountsLoad Load() => new([Account], []);
}
