namespace Paystack.Actors.Destinations.Tables;

/// <summary>What a destination remembers about a stream between BeginStream and CompleteStream.</summary>
/// <param name="Names">The stream's table names.</param>
/// <param name="Mode">How its records land.</param>
/// <param name="RunId">The run writing it.</param>
internal sealed record ActiveStream(StreamTableNames Names, WriteMode Mode, string RunId)
{
    /// <summary>The table WriteAsync inserts into: the staging table for an overwrite, the target otherwise.</summary>
    public string WriteTable => Mode == WriteMode.Overwrite ? Names.Staging : Names.Target;

    /// <summary>Whether writes upsert on id (dedupe, and overwrite so that a resumed run does not duplicate rows).</summary>
    public bool UpsertsOnId => Mode != WriteMode.Append;
}
