using CommunityToolkit.HighPerformance.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paystack.Sandbox.Data;
using Paystack.Sandbox.Generators;

namespace Paystack.Sandbox.Http;

/// <summary>
/// GET /{resource}: the Paystack list envelope <c>{status, message, data, meta}</c>, newest first, paged in the style
/// the resource's generator names (<see cref="Paging"/>). Only the served page is materialised.
/// </summary>
internal sealed class ListEndpoint
{
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
        var generator = table.Generator;
        var query = ListQuery.Parse(context.Request.Query, _options, generator.Paging);
        if (query.Error is { } error)
        {
            await JsonReply.WriteAsync(context, StatusCodes.Status400BadRequest, PaystackErrors.Invalid(error));
            return;
        }
        if ((query.NextId is not null || query.PreviousId is not null) && _faults.TryRejectCursor())
        {
            await JsonReply.WriteAsync(context, StatusCodes.Status400BadRequest, PaystackErrors.Invalid("Invalid cursor"));
            return;
        }

        for (var i = _faults.NewRecordsPerRequest; i > 0; i--) table.Add(_clock.GetUtcNow());

        var domain = (string)context.Items[SandboxPipeline.DomainKey]!;
        var range = generator.FiltersByTime
            ? new TimeRange(query.From, _options.FromInclusive, query.To, _options.ToInclusive)
            : TimeRange.All; // the endpoint has no from/to
        var selection = table.Select(range);
        // Pages run to hundreds of kilobytes: a pooled buffer keeps them off the large object heap.
        using var buffer = new ArrayPoolBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonReply.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("status", true);
            writer.WriteString("message", generator.ListMessage);
            var cursorError = "";
            var written = true;
            if (generator.Unpaged)
                // Everything at once and no meta; a client that asks for page 2 anyway gets nothing more.
                PageData.WriteData(writer, table, query.Page == 1 ? selection.Slice(0, (int)selection.Total) : [], domain, _faults);
            else if (generator.Paging == Paging.CursorForward)
                written = ForwardCursorPage.TryWrite(writer, _faults, table, selection, query, domain, out cursorError);
            else if (query.UseCursor)
                written = NextPreviousCursorPage.TryWrite(writer, _options, table, selection, query, domain, out cursorError);
            else
                OffsetPage.Write(writer, _options, table, selection, query, domain);
            if (!written)
            {
                await JsonReply.WriteAsync(context, StatusCodes.Status400BadRequest, PaystackErrors.Invalid(cursorError));
                return;
            }
            writer.WriteEndObject();
        }
        await JsonReply.WriteAsync(context, StatusCodes.Status200OK, buffer.WrittenMemory);
    }
}
