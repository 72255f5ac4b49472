using System.Text.Json;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>
/// A cursor page reached with <c>next</c> or <c>previous</c>: meta <c>{next, previous, perPage}</c>. A cursor is
/// anchored on a record, so records created during a walk neither repeat nor hide rows.
/// </summary>
internal static class NextPreviousCursorPage
{
    public static bool TryWrite(Utf8JsonWriter writer, SandboxOptions options, ResourceTable table, Selection selection,
        ListQuery query, string domain, out string error)
    {
        error = "";
        long start;
        var count = query.PerPage;
        if (query.NextId is { } nextId)
        {
            if (!table.TryFind(nextId, out var after)) { error = "Invalid cursor in next: no such record"; return false; }
            start = selection.CountAbove(after.Key, strictlyAbove: false);
        }
        else if (query.PreviousId is { } previousId)
        {
            if (!table.TryFind(previousId, out var before)) { error = "Invalid cursor in previous: no such record"; return false; }
            var above = selection.CountAbove(before.Key, strictlyAbove: true);
            start = Math.Max(0, above - query.PerPage);
            count = (int)(above - start);
        }
        else
        {
            start = 0;
        }

        var page = selection.Slice(start, count);
        PageData.WriteData(writer, table, page, domain, options.Faults);
        writer.WriteStartObject("meta");
        if (page.Count > 0 && start + page.Count < selection.Total) writer.WriteString("next", ListQuery.MakeCursor(table.Path, page[^1].Id));
        else writer.WriteNull("next");
        if (page.Count > 0 && start > 0) writer.WriteString("previous", ListQuery.MakeCursor(table.Path, page[0].Id));
        else writer.WriteNull("previous");
        PageData.WritePerPage(writer, options, table.Path, query.PerPage);
        writer.WriteEndObject();
        return true;
    }
}
