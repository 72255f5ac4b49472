using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Paystack.Host.Admin;

/// <summary>Talks to a running <c>serve</c>'s admin endpoint for the inspection verbs.</summary>
internal sealed class AdminClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    /// <exception cref="AdminClientException">The URL is not an absolute http(s) URL.</exception>
    public AdminClient(string baseUrl, string? token)
    {
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new AdminClientException($"--admin-url '{baseUrl}' is not an absolute http(s) URL like {AdminBinding.DefaultUrl}.");
        _baseUrl = uri;
        _http = new HttpClient { BaseAddress = uri, Timeout = Timeout };
        if (!string.IsNullOrWhiteSpace(token))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
    }

    /// <param name="answers">Statuses besides 2xx whose body is still a <typeparamref name="T"/> (e.g. 503 from a readiness probe).</param>
    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken, params HttpStatusCode[] answers) =>
        SendAsync<T>(HttpMethod.Get, path, answers, cancellationToken);

    /// <param name="answers">Statuses besides 2xx whose body is still a <typeparamref name="T"/> (e.g. 409 for a refused trigger).</param>
    public Task<T> PostAsync<T>(string path, CancellationToken cancellationToken, params HttpStatusCode[] answers) =>
        SendAsync<T>(HttpMethod.Post, path, answers, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpStatusCode[] answers, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(new HttpRequestMessage(method, path), cancellationToken);
        }
        catch (HttpRequestException unreachable)
        {
            throw new AdminClientException(
                $"Cannot reach the admin endpoint at {_baseUrl}: {unreachable.Message}. Is `paystack-sync serve` running there? " +
                "Pass its address with --admin-url.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdminClientException($"The admin endpoint at {_baseUrl} did not answer within {Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode || answers.Contains(response.StatusCode))
            {
                try
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                        ?? throw new AdminClientException($"The admin endpoint at {_baseUrl} answered {path} with an empty body.");
                }
                catch (JsonException)
                {
                    throw new AdminClientException($"{_baseUrl} answered {path} with something that is not the admin endpoint's JSON. Is --admin-url right?");
                }
            }

            var message = await ErrorMessageAsync(response, cancellationToken);
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new AdminClientException(
                    $"The admin endpoint refused the request: {message} Pass the service's token with --admin-token or {AdminBinding.TokenEnvironmentVariable}."),
                _ => new AdminClientException($"The admin endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}: {message}"),
            };
        }
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // Errors carry "message"; problem bodies (a refused cross-site request) carry "detail".
            var error = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            foreach (var field in new[] { "message", "detail" })
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty(field, out var text)
                    && text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString()))
                    return text.GetString()!;
        }
        catch (Exception unreadable) when (unreadable is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not our JSON: fall through to the status line.
        }
        return "(no explanation given)";
    }

    public void Dispose() => _http.Dispose();
}
