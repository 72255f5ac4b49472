using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;

namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>
/// One prepared INSERT (or upsert on id) of typed rows into a stream table, for the columns the table had when it was
/// prepared; reused for every row of every batch until the table's columns change.
/// </summary>
internal sealed class SqliteInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _data;
    private readonly SqliteParameter _key, _record, _meta, _run, _at;

    private SqliteInsert(SqliteCommand command, int columnCount)
    {
        _command = command;
        _key = Add("$id");
        _data = Enumerable.Range(0, columnCount).Select(i => Add("$c" + i)).ToArray();
        _record = Add("$record");
        _meta = Add("$meta");
        _run = Add("$run");
        _at = Add("$at");
    }

    /// <summary>How many data columns the statement fills.</summary>
    public int ColumnCount => _data.Length;

    public static SqliteInsert Prepare(SqliteConnection connection, string table, TableColumns columns, bool upsert)
    {
        var names = new List<string> { ColumnNames.Id };
        names.AddRange(columns.All.Select(c => c.Name));
        names.AddRange(ColumnNames.Owned);
        var quoted = names.Select(SqlIdentifier.Quote).ToList();
        var values = new List<string> { "$id" };
        values.AddRange(Enumerable.Range(0, columns.Count).Select(i => "$c" + i));
        values.AddRange(["$record", "$meta", "$run", "$at"]);
        var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO {SqlIdentifier.Quote(table)} ({string.Join(", ", quoted)}) VALUES ({string.Join(", ", values)})" +
            (upsert ? " ON CONFLICT (id) DO UPDATE SET " + string.Join(", ", quoted.Skip(1).Select(c => $"{c} = excluded.{c}")) : "");
        return new SqliteInsert(command, columns.Count);
    }

    /// <summary>Writes one row in <paramref name="transaction"/>.</summary>
    public void Execute(SqliteTransaction transaction, TypedRow row, string json, string runId, string syncedAt)
    {
        _command.Transaction = transaction;
        _key.Value = row.Key;
        for (var i = 0; i < _data.Length; i++)
        {
            _data[i].Value = Bindable(row.ValueAt(i));
        }

        _record.Value = json;
        _meta.Value = (object?)row.Meta ?? DBNull.Value;
        _run.Value = runId;
        _at.Value = syncedAt;
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

    /// <summary>Timestamps as sortable ISO-8601 UTC text; SQLite has no timestamp type.</summary>
    private static object Bindable(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => RecordBatches.SortableUtc(time)!,
        _ => value,
    };

    private SqliteParameter Add(string name) => _command.Parameters.Add(new SqliteParameter { ParameterName = name });
}
