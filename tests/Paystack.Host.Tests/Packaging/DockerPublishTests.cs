using Paystack.Actors.Paystack;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;
using Paystack.Host.Tests.Read;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Packaging;

/// <summary>
/// The Dockerfile's own <c>dotnet publish</c> step, run outside Docker, and its output driven through the image's
/// ENTRYPOINT as Airbyte drives a source: spec, check, discover and read against the sandbox.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", PackagingCollection.SlowCategory)]
public sealed class DockerPublishTests(PackagedBuilds builds) : IAsyncLifetime, IDisposable
{
    private readonly ReadFiles _files = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5, TestRateLimit = 100_000 });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Entrypoint_prints_the_spec()
    {
        var result = await RunEntrypointAsync("spec");

        Assert.True(result.ExitCode == 0, result.ToString());
        ProtocolSchema.AssertAllValid(result);
        result.Single("SPEC");
    }

    [Fact]
    public async Task Entrypoint_checks_discovers_and_reads_the_sandbox()
    {
        var key = _sandbox.Options.TestKey;
        var config = _files.Config(key, _sandbox.BaseUrl);
        var catalog = _files.Catalog(("customers", "full_refresh"));

        var check = await RunEntrypointAsync("check", "--config", config);
        var discover = await RunEntrypointAsync("discover", "--config", config);
        var read = await RunEntrypointAsync(["read", "--config", config, "--catalog", catalog], ReadCli.FastEngine);

        foreach (var result in new[] { check, discover, read })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            ProtocolSchema.AssertAllValid(result);
            Assert.DoesNotContain(key, result.Stdout + result.Stderr);
        }
        Assert.Equal("SUCCEEDED", check.Single("CONNECTION_STATUS").GetProperty("connectionStatus").GetProperty("status").GetString());
        Assert.Equal(StreamCatalog.All.Count, discover.Single("CATALOG").GetProperty("catalog").GetProperty("streams").GetArrayLength());
        Assert.Equal(_sandbox.Store.Ids(ReadStreams.PathOf["customers"]).Order(), new ReadTranscript(read).RecordIds("customers").Order());
    }

    private Task<CliResult> RunEntrypointAsync(params string[] args) => RunEntrypointAsync(args, environment: null);

    /// <summary>The Dockerfile's ENTRYPOINT with its /app paths pointed at the published folder, then the arguments.</summary>
    private async Task<CliResult> RunEntrypointAsync(string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        var published = await builds.PublishedFolder;
        var dockerfile = DockerfileText.Load();
        var prefix = dockerfile.PublishOutput.TrimEnd('/') + "/";
        var words = dockerfile.Entrypoint
            .Select(w => w.StartsWith(prefix, StringComparison.Ordinal) ? Path.Combine(published, w[prefix.Length..]) : w)
            .ToList();
        return await ExecutableRunner.RunAsync(words[0], [.. words.Skip(1), .. args], environment, workingDirectory: published);
    }
}
