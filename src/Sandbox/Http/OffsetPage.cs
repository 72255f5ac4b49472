using System.Text.Json;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>A numbered page: <c>data</c> plus meta <c>{total, skipped, perPage, page, pageCount}</c>.</summary>
internal static class OffsetPage
{
    /// <param name="withVolume">Whether meta carries <c>total_volume</c> when the resource has amounts (as <c>/transaction</c> does).</param>
    public static void Write(Utf8JsonWriter writer, SandboxOptions options, ResourceTable table, Selection selection,
        ListQuery query, string domain, bool withVolume = true)
    {
        var skipped = (long)(query.Page - 1) * query.PerPage;
        PageData.WriteData(writer, table, selection.Slice(skipped, query.PerPage), domain, options.Faults, options.Faults.RecordsWithoutIdentity);
        writer.WriteStartObject("meta");
        writer.WriteNumber("total", selection.Total);
        if (withVolume && table.SumAmounts(selection) is { } volume) writer.WriteNumber("total_volume", volume);
        writer.WriteNumber("skipped", skipped);
        PageData.WritePerPage(writer, options, table.Path, query.PerPage);
        writer.WriteNumber("page", query.Page);
        var pageCount = (selection.Total + query.PerPage - 1) / query.PerPage;
        var reported = pageCount == 0 ? 0 : Math.Max(1, (long)Math.Ceiling(pageCount * options.Faults.PageCountFactor));
        writer.WriteNumber("pageCount", options.Faults.PageCountRunsAhead ? Math.Max(reported, query.Page + 1) : reported);
        writer.WriteEndObject();
    }
}
