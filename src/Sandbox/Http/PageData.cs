using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>The parts every list answer shares: the <c>data</c> array and the echoed page size.</summary>
internal static class PageData
{
    /// <summary>Materialises only the records of the page, drifted as <see cref="SandboxFaults.Drift"/> says.</summary>
    /// <param name="withoutIdentity">Leave out each record's id and creation time (a fault).</param>
    public static void WriteData(Utf8JsonWriter writer, ResourceTable table, IReadOnlyList<RecordRef> page, string domain,
        SandboxFaults faults, bool withoutIdentity = false)
    {
        var drift = faults.Drift is { } d && d.Path == table.Path ? d : null;
        writer.WriteStartArray("data");
        foreach (var record in page)
        {
            var json = table.Materialize(record, domain);
            if (drift is not null && record.CreatedAt >= drift.Since) Drift(json, record, drift);
            if (withoutIdentity)
                foreach (var field in IdentityFields) json.Remove(field);
            json.WriteTo(writer);
        }
        writer.WriteEndArray();
    }

    private static void Drift(JsonObject json, RecordRef record, SchemaDrift drift)
    {
        json[drift.AddedField] = record.Id % 1000;
        if (json[drift.MistypedField] is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            json[drift.MistypedField] = value.ToJsonString();
    }

    private static readonly string[] IdentityFields = ["id", "createdAt", "created_at"];

    /// <summary><c>perPage</c> as a number, or as a string on the paths configured to send it so.</summary>
    public static void WritePerPage(Utf8JsonWriter writer, SandboxOptions options, string path, int perPage)
    {
        if (options.PerPageAsString.Contains(path)) writer.WriteString("perPage", perPage.ToString(CultureInfo.InvariantCulture));
        else writer.WriteNumber("perPage", perPage);
    }
}
