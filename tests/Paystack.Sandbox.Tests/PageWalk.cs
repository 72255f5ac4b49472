using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

/// <summary>Walks a list endpoint to its end in one paging style, collecting ids in served order and every page body.</summary>
internal static class PageWalk
{
    private const int MaxPages = 1_000;

    /// <summary>page=1,2,... until a page is empty or pageCount is reached.</summary>
    public static async Task<(List<string> Ids, List<JsonObject> Pages)> ByPageAsync(SandboxClient client, string path, int perPage)
    {
        var ids = new List<string>();
        var pages = new List<JsonObject>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var body = await client.GetOkAsync($"{path}{Separator(path)}page={page}&perPage={perPage}");
            pages.Add(body);
            ids.AddRange(body.Ids());
            if (page >= body.Meta()["pageCount"].Long()) return (ids, pages);
        }
        throw new InvalidOperationException($"{path}: more than {MaxPages} pages");
    }

    /// <summary>Follows <c>meta.next</c>, passing it back as <paramref name="tokenParameter"/>, until it is null.</summary>
    public static async Task<(List<string> Ids, List<JsonObject> Pages)> ByCursorAsync(
        SandboxClient client, string firstQuery, string tokenParameter = "next")
    {
        var ids = new List<string>();
        var pages = new List<JsonObject>();
        var body = await client.GetOkAsync(firstQuery);
        for (var n = 0; n < MaxPages; n++)
        {
            pages.Add(body);
            ids.AddRange(body.Ids());
            var next = body.Meta()["next"]?.GetValue<string>();
            if (next is null) return (ids, pages);
            body = await client.GetOkAsync($"{firstQuery}{Separator(firstQuery)}{tokenParameter}={Uri.EscapeDataString(next)}");
        }
        throw new InvalidOperationException($"{firstQuery}: more than {MaxPages} pages");
    }

    private static string Separator(string query) => query.Contains('?') ? "&" : "?";
}
