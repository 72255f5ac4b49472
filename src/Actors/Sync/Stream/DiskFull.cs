using Microsoft.Data.Sqlite;
using Npgsql;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Whether a failure is a full disk under the destination or the journal. Restarting the stream seconds later frees no
/// space and spends Paystack's budget fetching pages again that cannot be written: such a stream fails at once.
/// </summary>
internal static class DiskFull
{
    private const int SqliteFull = 13;                       // SQLITE_FULL
    private const string PostgresDiskFull = "53100";         // disk_full
    private const int NoSpaceLeft = 28;                      // ENOSPC on Linux and macOS
    private const int WindowsDiskFull = unchecked((int)0x80070070), WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>The hint a full disk's failure ends with.</summary>
    public const string Hint = "the disk is full, so the stream is not restarted: free space and run again";

    public static bool In(Exception? failure) => failure switch
    {
        null => false,
        SqliteException { SqliteErrorCode: SqliteFull } or PostgresException { SqlState: PostgresDiskFull } => true,
        IOException { HResult: NoSpaceLeft or WindowsDiskFull or WindowsHandleDiskFull } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(In),
        _ => In(failure.InnerException),
    };
}
