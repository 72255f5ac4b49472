using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// A 400 for a page asked for by cursor means the token is no longer honoured (it may come from a journal written long
/// ago). Reading the window again from its first page recovers, once its fetched pages are written; a second refusal
/// in the same run does not.
/// </summary>
internal sealed class CursorRestarts
{
    private readonly HashSet<TimeWindow> _waiting = [];
    private readonly HashSet<TimeWindow> _restarted = [];

    public bool IsRefusal(PageTask task, Exception error) =>
        task.Cursor is not null
        && error is PaystackApiException { Kind: PaystackErrorKind.BadRequest }
        && !_restarted.Contains(task.Window);

    public void Refused(TimeWindow window)
    {
        _restarted.Add(window);
        _waiting.Add(window);
    }

    /// <summary>The refused windows none of whose fetched pages still wait to be written: they may start again now.</summary>
    public IReadOnlyList<TimeWindow> Ready(Func<TimeWindow, bool> holdsPages)
    {
        var ready = _waiting.Where(window => !holdsPages(window)).ToList();
        _waiting.ExceptWith(ready);
        return ready;
    }
}
