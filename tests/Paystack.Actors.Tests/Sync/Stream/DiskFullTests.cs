using Microsoft.Data.Sqlite;
using Npgsql;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync.Stream;

public sealed class DiskFullTests
{
    public static TheoryData<string, Exception?, bool> Failures() => new()
    {
        { "SQLite's SQLITE_FULL", new SqliteException("SQLite Error 13: 'database or disk is full'.", 13), true },
        { "SQLite's SQLITE_BUSY", new SqliteException("SQLite Error 5: 'database is locked'.", 5), false },
        { "PostgreSQL's disk_full", new PostgresException("could not extend file", "ERROR", "ERROR", "53100"), true },
        { "PostgreSQL's too many clients", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"), false },
        { "ENOSPC", new IOException("No space left on device : '/data/sync.db'", 28), true },
        { "another I/O error", new IOException("Input/output error", 5), false },
        { "a full disk inside a wrapper", new InvalidOperationException("write failed", new SqliteException("full", 13)), true },
        { "a full disk among several", new AggregateException(new TimeoutException(), new IOException("full", 28)), true },
        { "a timeout", new TimeoutException(), false },
        { "no cause", null, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_full_disk_is_told_from_other_failures(string _, Exception? failure, bool full) =>
        Assert.Equal(full, DiskFull.In(failure));
}
