namespace Paystack.Host.Running;

/// <summary>
/// The one table of exit codes every verb uses (README.md and docs/operations.md print it). <c>check</c> answers a
/// config it cannot use with a FAILED connection status and exit 0, as Airbyte expects of a check.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done: every stream synced or read, the answer printed, the service stopped cleanly.</summary>
    public const int Success = 0;

    /// <summary>
    /// The work failed after its input was accepted: a stream failed, an unexpected error, the admin endpoint did not
    /// answer, serve could not listen. Running again may succeed.
    /// </summary>
    public const int Failed = 1;

    /// <summary>Bad input, refused before anything is read or written: a parse error, a config, catalog, state or option that cannot be used.</summary>
    public const int BadInput = 2;

    /// <summary>Another run of the same account holds the destination.</summary>
    public const int DestinationBusy = 3;

    /// <summary>Interrupted (Ctrl+C, SIGTERM) before the work finished; the next run resumes.</summary>
    public const int Interrupted = 130;
}
