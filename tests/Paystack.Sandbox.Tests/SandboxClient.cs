using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

/// <summary>Talks to a running sandbox over HTTP the way a client would.</summary>
internal sealed class SandboxClient : IDisposable
{
    private readonly HttpClient _http;

    public SandboxClient(SandboxServer server, string? key = null)
    {
        _http = new HttpClient { BaseAddress = server.BaseUrl };
        var bearer = key ?? server.Options.TestKey;
        if (bearer.Length > 0) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
    }

    public HttpClient Http => _http;

    public async Task<Reply> GetAsync(string relative)
    {
        using var response = await _http.GetAsync(relative);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text, response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>GET that must succeed with a JSON body.</summary>
    public async Task<JsonObject> GetOkAsync(string relative)
    {
        var reply = await GetAsync(relative);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET {relative} gave {(int)reply.Status}: {reply.Text}");
        return reply.Json;
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record Reply(HttpStatusCode Status, string Text, HttpResponseHeaders Headers, string? MediaType)
{
    public JsonObject Json => JsonNode.Parse(Text)!.AsObject();

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.First() : null;
}
