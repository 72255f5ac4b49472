using System.Globalization;
using System.Text.Json;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>The parts every list answer shares: the <c>data</c> array and the echoed page size.</summary>
internal static class PageData
{
    /// <summary>Materialises only the records of the page.</summary>
    /// <param name="withoutIdentity">Leave out each record's id and creation time (a fault).</param>
    public static void WriteData(Utf8JsonWriter writer, ResourceTable table, IReadOnlyList<RecordRef> page, string domain,
        bool withoutIdentity = false)
    {
        writer.WriteStartArray("data");
        foreach (var record in page)
        {
            var json = table.Materialize(record, domain);
            if (withoutIdentity)
                foreach (var field in IdentityFields) json.Remove(field);
            json.WriteTo(writer);
        }
        writer.WriteEndArray();
    }

    private static readonly string[] IdentityFields = ["id", "createdAt", "created_at"];

    /// <summary><c>perPage</c> as a number, or as a string on the paths configured to send it so.</summary>
    public static void WritePerPage(Utf8JsonWriter writer, SandboxOptions options, string path, int perPage)
    {
        if (options.PerPageAsString.Contains(path)) writer.WriteString("perPage", perPage.ToString(CultureInfo.InvariantCulture));
        else writer.WriteNumber("perPage", perPage);
    }
}
