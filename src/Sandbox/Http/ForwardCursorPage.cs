using System.Text.Json;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>
/// A forward-only cursor page reached with <c>cursor</c>, optionally filtered on <c>status</c>: meta
/// <c>{per_page, next, count, total}</c> where <c>count</c> is the records on this page and <c>next</c> is null on the last.
/// </summary>
internal static class ForwardCursorPage
{
    private const int ScanChunk = 256;

    public static bool TryWrite(Utf8JsonWriter writer, SandboxFaults faults, ResourceTable table, Selection selection, ListQuery query,
        string domain, out string error)
    {
        error = "";
        var statuses = table.Statuses;
        if (query.Status is { } wanted && statuses is not null && !statuses.Statuses.Contains(wanted))
        {
            error = $"Invalid status '{wanted}': status must be one of {string.Join(", ", statuses.Statuses)}";
            return false;
        }
        long start = 0;
        if (query.NextId is { } afterId)
        {
            if (!table.TryFind(afterId, out var after)) { error = "Invalid cursor in cursor: no such record"; return false; }
            start = selection.CountAbove(after.Key, strictlyAbove: false);
        }

        // Without a status source the filter is ignored, like any parameter an endpoint does not know.
        var filter = statuses is not null ? query.Status : null;
        var (page, more) = filter is null
            ? Unfiltered(selection, start, query.PerPage)
            : Filtered(selection, statuses!, filter, start, query.PerPage);
        var total = filter is null ? selection.Total : statuses!.Count(selection, filter);

        PageData.WriteData(writer, table, page, domain, faults);
        writer.WriteStartObject("meta");
        writer.WriteNumber("per_page", query.PerPage);
        if (more && page.Count > 0) writer.WriteString("next", ListQuery.MakeCursor(table.Path, page[^1].Id));
        else writer.WriteNull("next");
        writer.WriteNumber("count", page.Count);
        writer.WriteNumber("total", total);
        writer.WriteEndObject();
        return true;
    }

    private static (IReadOnlyList<RecordRef> Page, bool More) Unfiltered(Selection selection, long start, int perPage)
    {
        var page = selection.Slice(start, perPage);
        return (page, start + page.Count < selection.Total);
    }

    // Walks the list in chunks from the cursor, keeping matching records, until the page is full and one more match
    // shows that a next page exists (or the list ends).
    private static (IReadOnlyList<RecordRef> Page, bool More) Filtered(Selection selection, StatusIndex statuses,
        string status, long start, int perPage)
    {
        var page = new List<RecordRef>(perPage);
        for (var offset = start; offset < selection.Total; offset += ScanChunk)
        {
            foreach (var record in selection.Slice(offset, ScanChunk))
            {
                if (statuses.StatusOf(record) != status) continue;
                if (page.Count == perPage) return (page, true);
                page.Add(record);
            }
        }
        return (page, false);
    }
}
