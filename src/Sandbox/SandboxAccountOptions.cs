namespace Paystack.Sandbox;

/// <summary>
/// One more merchant account in a <see cref="SandboxServer"/>: a key of its own, served its own data set under its own
/// rate limit, with its own request log. The account's records are generated from <see cref="Seed"/>, with the
/// server's counts (<see cref="SandboxOptions.RecordsFor"/>) scaled by <see cref="RecordScale"/>.
/// </summary>
public sealed class SandboxAccountOptions
{
    /// <summary>The secret key; one starting <c>sk_live_</c> serves live-mode records, any other test-mode records.</summary>
    public required string Key { get; init; }

    /// <summary>Seed of the account's data set.</summary>
    public required int Seed { get; init; }

    /// <summary>Factor on the server's record counts (rounded to whole records), so accounts differ in size.</summary>
    public double RecordScale { get; init; } = 1.0;

    /// <summary>Requests allowed per <see cref="SandboxOptions.RateLimitWindow"/>; null takes the key's domain's limit.</summary>
    public int? RateLimit { get; init; }

    /// <summary><c>live</c> for a <c>sk_live_</c> key, else <c>test</c>.</summary>
    public string Domain => Key.StartsWith("sk_live_", StringComparison.Ordinal) ? "live" : "test";

    /// <summary>The record count of <paramref name="path"/> in this account, given the server's options.</summary>
    public int RecordsFor(SandboxOptions server, string path) =>
        (int)Math.Round(server.RecordsFor(path) * RecordScale, MidpointRounding.AwayFromZero);
}
