namespace Paystack.Actors.Destinations.Tables;

/// <summary>What a destination remembers about a stream between BeginStream and CompleteStream.</summary>
/// <param name="Names">The stream's table names.</param>
/// <param name="Mode">How its records land.</param>
/// <param name="RunId">The run writing it.</param>
/// <param name="AlreadySwapped">
/// An overwrite whose run already swapped its table in (it crashed before the engine could record that): completing
/// it again must change nothing, since beginning it afresh would swap an empty table over the data.
/// </param>
/// <param name="Columns">The columns of <see cref="WriteTable"/>, which the stream's writes keep up to date.</param>
internal sealed record ActiveStream(
    StreamTableNames Names, WriteMode Mode, string RunId, Typing.TableColumns Columns, bool AlreadySwapped = false)
{
    /// <summary>The table WriteAsync inserts into: the staging table for an overwrite, the target otherwise.</summary>
    public string WriteTable => Mode == WriteMode.Overwrite ? Names.Staging : Names.Target;

    /// <summary>Whether writes upsert on id (dedupe, and overwrite so that a resumed run does not duplicate rows).</summary>
    public bool UpsertsOnId => Mode != WriteMode.Append;
}
