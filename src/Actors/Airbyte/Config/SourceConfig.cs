namespace Paystack.Actors.Airbyte.Config;

/// <summary>The source's config file, validated. Load it with <see cref="SourceConfigReader"/>.</summary>
/// <param name="SecretKey">Paystack secret or restricted key; never logged (see <see cref="ToString"/>).</param>
/// <param name="StartDate">Records created before this instant are not read.</param>
/// <param name="LookbackWindowDays">Days re-read before the saved cursor on every incremental run.</param>
/// <param name="BaseUrl">API root; null means Paystack's own.</param>
/// <param name="Account">A name for the account that keys its progress instead of the key's hash, so progress survives
/// a key roll; null keeps the hash.</param>
public sealed record SourceConfig(
    string SecretKey, DateTimeOffset StartDate, int LookbackWindowDays = 0, Uri? BaseUrl = null, string? Account = null)
{
    public const string SecretKeyField = "secret_key";
    public const string StartDateField = "start_date";
    public const string LookbackWindowDaysField = "lookback_window_days";
    public const string BaseUrlField = "base_url";
    public const string AccountField = "account";

    /// <summary>What an account name may be: it becomes part of journal keys and lock names.</summary>
    public const string AccountPattern = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";

    /// <summary>Used when the config file has no secret_key, so the key need not be written into a file.</summary>
    public const string SecretKeyEnvironmentVariable = "PAYSTACK_SECRET_KEY";

    /// <summary>The pattern of the connection specification, kept identical to Airbyte's.</summary>
    public const string SecretKeyPattern = "^(s|r)k_(live|test)_[a-zA-Z0-9]+$";

    public const string StartDatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?Z$";

    /// <summary>The base URL requests go to.</summary>
    public Uri EffectiveBaseUrl => BaseUrl ?? Paystack.PaystackClientOptions.DefaultBaseUrl;

    /// <summary>The name progress is kept under: <see cref="Account"/>, else a hash of the key (<see cref="Sync.AccountId"/>).</summary>
    public string AccountId => Account ?? Sync.AccountId.FromSecretKey(SecretKey);

    /// <summary>Whether the key is a test-mode key (sk_test_/rk_test_), useful in logs without showing the key.</summary>
    public bool IsTestKey => SecretKey.Length > 3 && SecretKey.AsSpan(3).StartsWith("test_", StringComparison.Ordinal);

    public override string ToString() =>
        $"SourceConfig {{ SecretKey = {(IsTestKey ? "*_test_***" : "*_live_***")}, StartDate = {StartDate:yyyy-MM-ddTHH:mm:ssZ}, " +
        $"LookbackWindowDays = {LookbackWindowDays}, BaseUrl = {EffectiveBaseUrl}, Account = {AccountId} }}";
}
