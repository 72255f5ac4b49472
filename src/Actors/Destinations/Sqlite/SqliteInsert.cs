using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;
using SQLitePCL;

namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>
/// One prepared INSERT (or upsert on id) of typed rows into a stream table, for the columns the table had when it was
/// prepared; reused for every row of every batch until the table's columns change. It binds by position through
/// SQLitePCLRaw (the layer under Microsoft.Data.Sqlite, on the same connection and so in its transaction): a row of
/// some 45 values costs no parameter lookups by name and no allocation, and UTF-8 values go to SQLite as they are.
/// </summary>
internal sealed class SqliteInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _text = new byte[256];

    private SqliteInsert(sqlite3 db, sqlite3_stmt statement, int columnCount)
    {
        _db = db;
        _statement = statement;
        ColumnCount = columnCount;
    }

    /// <summary>How many data columns the statement fills.</summary>
    public int ColumnCount { get; }

    public static SqliteInsert Prepare(SqliteConnection connection, string table, TableColumns columns, bool upsert)
    {
        var names = new List<string> { ColumnNames.Id };
        names.AddRange(columns.All.Select(c => c.Name));
        names.AddRange(ColumnNames.Owned);
        var quoted = names.Select(SqlIdentifier.Quote).ToList();
        var values = Enumerable.Range(1, names.Count).Select(i => "?" + i);
        var sql =
            $"INSERT INTO {SqlIdentifier.Quote(table)} ({string.Join(", ", quoted)}) VALUES ({string.Join(", ", values)})" +
            (upsert ? " ON CONFLICT (id) DO UPDATE SET " + string.Join(", ", quoted.Skip(1).Select(c => $"{c} = excluded.{c}")) : "");
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return new SqliteInsert(db, statement, columns.Count);
    }

    /// <summary>Writes one row; the caller's transaction (BEGIN on this connection) holds it.</summary>
    /// <param name="record">The record's JSON as UTF-8, stored unchanged in <c>record</c>.</param>
    public void Execute(TypedRow row, ReadOnlySpan<byte> record, string runId, string syncedAt)
    {
        try
        {
            var index = 1;
            Check(BindValue(index++, row.Key));
            for (var i = 0; i < ColumnCount; i++)
            {
                Check(BindValue(index++, row.ValueAt(i)));
            }

            Check(raw.sqlite3_bind_text(_statement, index++, record));
            Check(BindValue(index++, row.Meta));
            Check(BindValue(index++, runId));
            Check(BindValue(index, syncedAt));
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Each value as Microsoft.Data.Sqlite would bind it; timestamps as sortable ISO-8601 UTC text (SQLite has no timestamp type).</summary>
    private int BindValue(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        long whole => raw.sqlite3_bind_int64(_statement, index, whole),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(_statement, index, real),
        Utf8Text text => raw.sqlite3_bind_text(_statement, index, text.Bytes.Span),
        string text => BindText(index, text),
        decimal exact => BindText(index, exact.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        DateTimeOffset time => BindTime(index, time),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "Not a typed column value."),
    };

    /// <summary>Encodes into a buffer reused across rows; SQLitePCLRaw copies what it binds.</summary>
    private int BindText(int index, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _text.Length) _text = new byte[Math.Max(most, _text.Length * 2)];
        var length = Encoding.UTF8.GetBytes(text, _text);
        return raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length));
    }

    /// <summary><see cref="RecordBatches.SortableUtc"/>'s text, formatted as UTF-8 into the reused buffer (no string a value).</summary>
    private int BindTime(int index, DateTimeOffset time) =>
        raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, RecordBatches.WriteSortableUtc(time, _text)));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
