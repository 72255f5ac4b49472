using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// The page size a stream asks for. It starts at <c>page-size</c> and only goes down: to the size a server served
/// instead (one that clamps silently shows it in <c>meta.perPage</c>, or in the records of a first page that is not the
/// last),
/// or, when a server refuses a size it has not served yet with a 400, to half of it, never below Paystack's documented
/// default. A window keeps the size its first page was served at (<see cref="PageTask.PerPage"/>), so its offsets hold.
/// </summary>
internal sealed class PageSizing(int configured)
{
    /// <summary>Paystack's default page size: a server that refuses even this refuses something other than the size.</summary>
    public const int Floor = 50;

    private int _largestServed;

    /// <summary>The size new windows are asked at.</summary>
    public int Current { get; private set; } = configured;

    /// <summary>The size a page asked at <paramref name="asked"/> was served at, as far as its answer shows.</summary>
    public static int ServedSize(int asked, PageResult result)
    {
        var meta = result.Meta;
        var count = result.Records.Count;
        // A first page that is not the last is full: fewer records than asked for, with a page count that the total
        // fills at exactly that many, is the size served. (A size read too small only reads records twice; never too big.)
        if (count > 0 && count < asked && meta is { Total: { } total, PageCount: { } pages } && total > count
            && pages == (total + count - 1) / count)
            return count;
        return meta.PerPage is > 0 and var echoed && echoed < asked ? echoed : asked;
    }

    /// <summary>A page was served at <paramref name="size"/>: new windows ask for no more than that.</summary>
    public void Served(int size)
    {
        _largestServed = Math.Max(_largestServed, size);
        if (size < Current) Current = size;
    }

    /// <summary>
    /// Whether <paramref name="error"/> refuses the size of a window's first page (a 400 to a size larger than any
    /// served so far): the size is then lowered and the page is asked again at it.
    /// </summary>
    public bool LowerIfRefused(PageTask task, Exception error)
    {
        if (task.Page != 1 || task.Cursor is not null || task.PerPage <= Math.Max(Floor, _largestServed)
            || error is not PaystackApiException { Kind: PaystackErrorKind.BadRequest })
            return false;
        Current = Math.Min(Current, Math.Max(Floor, task.PerPage / 2));
        return true;
    }
}
