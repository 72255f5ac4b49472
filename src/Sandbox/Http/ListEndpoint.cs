using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>
/// GET /{resource}: the Paystack list envelope <c>{status, message, data, meta}</c> with offset or cursor paging,
/// newest first. Only the served page is materialised.
/// </summary>
internal sealed class ListEndpoint
{
    private static readonly HashSet<string> CursorPaths = new(StringComparer.Ordinal) { "customer", "transaction", "transfer" };

    private readonly Dataset _dataset;
    private readonly SandboxOptions _options;
    private readonly SandboxFaults _faults;
    private readonly TimeProvider _clock;

    public ListEndpoint(Dataset dataset, SandboxOptions options, TimeProvider clock)
    {
        _dataset = dataset;
        _options = options;
        _faults = options.Faults;
        _clock = clock;
    }

    public async Task HandleAsync(HttpContext context, string resource)
    {
        if (!_dataset.TryGet(resource, out var table))
        {
            await JsonReply.WriteAsync(context, StatusCodes.Status404NotFound, PaystackErrors.Simple("Entity not found"));
            return;
        }
        var query = ListQuery.Parse(context.Request.Query, _options, CursorPaths.Contains(resource));
        if (query.Error is { } error)
        {
            await JsonReply.WriteAsync(context, StatusCodes.Status400BadRequest, PaystackErrors.Invalid(error));
            return;
        }

        for (var i = _faults.NewRecordsPerRequest; i > 0; i--) table.Add(_clock.GetUtcNow());

        var domain = (string)context.Items[SandboxPipeline.DomainKey]!;
        var range = table.Generator.FiltersByTime
            ? new TimeRange(query.From, _options.FromInclusive, query.To, _options.ToInclusive)
            : new TimeRange(null, _options.FromInclusive, null, _options.ToInclusive); // the endpoint has no from/to
        var selection = table.Select(range);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonReply.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("status", true);
            writer.WriteString("message", table.Generator.Noun + "s retrieved");
            if (table.Generator.Unpaged)
            {
                // Everything at once and no meta; a client that asks for page 2 anyway gets nothing more.
                WriteData(writer, table, query.Page == 1 ? selection.Slice(0, (int)selection.Total) : [], domain);
            }
            else if (query.UseCursor)
            {
                if (!TryWriteCursorPage(writer, table, selection, query, domain, out var cursorError))
                {
                    await JsonReply.WriteAsync(context, StatusCodes.Status400BadRequest, PaystackErrors.Invalid(cursorError));
                    return;
                }
            }
            else
            {
                WriteOffsetPage(writer, table, selection, query, domain);
            }
            writer.WriteEndObject();
        }
        await JsonReply.WriteAsync(context, StatusCodes.Status200OK, buffer.WrittenMemory);
    }

    private void WriteOffsetPage(Utf8JsonWriter writer, ResourceTable table, Selection selection, ListQuery query, string domain)
    {
        var skipped = (long)(query.Page - 1) * query.PerPage;
        WriteData(writer, table, selection.Slice(skipped, query.PerPage), domain);
        writer.WriteStartObject("meta");
        writer.WriteNumber("total", selection.Total);
        if (table.SumAmounts(selection) is { } volume) writer.WriteNumber("total_volume", volume);
        writer.WriteNumber("skipped", skipped);
        WritePerPage(writer, table.Path, query.PerPage);
        writer.WriteNumber("page", query.Page);
        writer.WriteNumber("pageCount", (selection.Total + query.PerPage - 1) / query.PerPage);
        writer.WriteEndObject();
    }

    private bool TryWriteCursorPage(Utf8JsonWriter writer, ResourceTable table, Selection selection, ListQuery query,
        string domain, out string error)
    {
        error = "";
        long start;
        int count = query.PerPage;
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
        WriteData(writer, table, page, domain);
        writer.WriteStartObject("meta");
        if (page.Count > 0 && start + page.Count < selection.Total) writer.WriteString("next", ListQuery.MakeCursor(table.Path, page[^1].Id));
        else writer.WriteNull("next");
        if (page.Count > 0 && start > 0) writer.WriteString("previous", ListQuery.MakeCursor(table.Path, page[0].Id));
        else writer.WriteNull("previous");
        WritePerPage(writer, table.Path, query.PerPage);
        writer.WriteEndObject();
        return true;
    }

    private static void WriteData(Utf8JsonWriter writer, ResourceTable table, IReadOnlyList<RecordRef> page, string domain)
    {
        writer.WriteStartArray("data");
        foreach (var record in page) table.Materialize(record, domain).WriteTo(writer);
        writer.WriteEndArray();
    }

    private void WritePerPage(Utf8JsonWriter writer, string path, int perPage)
    {
        if (_options.PerPageAsString.Contains(path)) writer.WriteString("perPage", perPage.ToString(CultureInfo.InvariantCulture));
        else writer.WriteNumber("perPage", perPage);
    }
}
