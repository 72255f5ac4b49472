using System.Text.Json.Nodes;
using Paystack.Actors.State;
using Paystack.Host.Tests.Airbyte;

namespace Paystack.Host.Tests.Read;

/// <summary>Config, configured catalog and state files for <c>read</c>, in a temp folder removed afterwards.</summary>
public sealed class ReadFiles : IDisposable
{
    private readonly TempFiles _files = new();

    public string Folder => _files.Folder;

    public string Write(string name, string content) => _files.Write(name, content);

    public string Config(string secretKey, Uri baseUrl, string startDate = "2022-12-01T00:00:00Z", int lookbackDays = 0) =>
        Write("config.json", new JsonObject
        {
            ["secret_key"] = secretKey,
            ["start_date"] = startDate,
            ["lookback_window_days"] = lookbackDays,
            ["base_url"] = baseUrl.ToString(),
        }.ToJsonString());

    /// <param name="streams">Stream name and sync mode (<c>full_refresh</c> or <c>incremental</c>).</param>
    public string Catalog(params (string Name, string SyncMode)[] streams) =>
        Write("catalog.json", new JsonObject
        {
            ["streams"] = new JsonArray(streams.Select(s => (JsonNode)new JsonObject
            {
                ["stream"] = new JsonObject
                {
                    ["name"] = s.Name,
                    ["json_schema"] = new JsonObject(),
                    ["supported_sync_modes"] = new JsonArray("full_refresh", "incremental"),
                },
                ["sync_mode"] = s.SyncMode,
                ["destination_sync_mode"] = s.SyncMode == "incremental" ? "append" : "overwrite",
            }).ToArray()),
        }.ToJsonString());

    public void Dispose() => _files.Dispose();
}
