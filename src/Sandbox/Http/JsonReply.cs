using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Paystack.Sandbox.Http;

/// <summary>Writes JSON answers; honours the truncation fault by sending only the first half of the body.</summary>
internal static class JsonReply
{
    private const string TruncateKey = "paystack.sandbox.truncate";

    /// <summary>Like Paystack's own JSON: characters such as '+' and '\'' are written as they are, not as \u escapes.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MarkTruncated(HttpContext context) => context.Items[TruncateKey] = true;

    public static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            body.WriteTo(writer);
        return WriteAsync(context, status, buffer.WrittenMemory);
    }

    public static async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> json)
    {
        if (context.Items.ContainsKey(TruncateKey) && status == StatusCodes.Status200OK)
            json = json[..(json.Length / 2)];
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }
}
