namespace Paystack.Host.Tests.Airbyte;

/// <summary>A temp folder for the config, catalog and state files of one test, removed afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("paystack-sync-cli-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string Config(string secretKey, string startDate = "2020-01-01T00:00:00Z", string? baseUrl = null) =>
        Write("config.json", baseUrl is null
            ? $$"""{"secret_key": "{{secretKey}}", "start_date": "{{startDate}}"}"""
            : $$"""{"secret_key": "{{secretKey}}", "start_date": "{{startDate}}", "base_url": "{{baseUrl}}"}""");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
