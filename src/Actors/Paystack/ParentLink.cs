namespace Paystack.Actors.Paystack;

/// <summary>
/// Makes a stream the child of another: its endpoint path holds <c>{id}</c>, read once for every parent record the run
/// lists, and each child record gains the parent's id and creation time. Windows and the cursor follow the parent's
/// creation time, so a child stream is as incremental as its parent.
/// </summary>
/// <param name="Stream">The parent stream's name, e.g. <c>settlements</c>.</param>
/// <param name="KeyField">The field added to every child record with the parent's id, e.g. <c>settlement_id</c>.</param>
/// <param name="TimeField">The field added with the parent's creation time; it is the child stream's cursor.</param>
public sealed record ParentLink(string Stream, string KeyField, string TimeField);
