using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>GET /{resource}/{id}: one record by numeric id, as <c>{status, message, data}</c>, or 404 when there is none.</summary>
internal sealed class FetchEndpoint(Dataset dataset)
{
    public Task HandleAsync(HttpContext context, string resource, string id)
    {
        if (!dataset.TryGet(resource, out var table))
            return JsonReply.WriteAsync(context, StatusCodes.Status404NotFound, PaystackErrors.Simple("Entity not found"));
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !table.TryFind(number, out var record))
            return JsonReply.WriteAsync(context, StatusCodes.Status404NotFound, PaystackErrors.Simple(table.Generator.Noun + " not found"));
        var domain = (string)context.Items[SandboxPipeline.DomainKey]!;
        return JsonReply.WriteAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["status"] = true,
            ["message"] = table.Generator.Noun + " retrieved",
            ["data"] = table.Materialize(record, domain),
        });
    }
}
