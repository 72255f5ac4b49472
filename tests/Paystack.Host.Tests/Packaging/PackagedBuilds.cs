namespace Paystack.Host.Tests.Packaging;

/// <summary>
/// The two slow builds, each made at most once per test run and only when a test asks for it: the Dockerfile's publish
/// step and the .NET tool package installed into a private tool path. Both build the Release configuration of the same
/// projects, so they take turns.
/// </summary>
public sealed class PackagedBuilds : IAsyncLifetime
{
    public const string PackageId = "Paystack.Sync";
    public const string ToolCommand = "paystack-sync";

    private readonly SemaphoreSlim _releaseBuild = new(1, 1);
    private readonly Lazy<Task<string>> _published;
    private readonly Lazy<Task<InstalledTool>> _installed;

    public PackagedBuilds()
    {
        _published = new(() => Serialised(PublishAsync));
        _installed = new(() => Serialised(PackAndInstallAsync));
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("paystack-sync-packaging-").FullName;

    /// <summary>The folder the Dockerfile's <c>dotnet publish</c> wrote to (its <c>/app</c>).</summary>
    public Task<string> PublishedFolder => _published.Value;

    public Task<InstalledTool> Tool => _installed.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<T> Serialised<T>(Func<Task<T>> build)
    {
        await _releaseBuild.WaitAsync();
        try
        {
            return await build();
        }
        finally
        {
            _releaseBuild.Release();
        }
    }

    private async Task<string> PublishAsync()
    {
        var output = Path.Combine(Folder, "app");
        await DotnetCommand.RunAsync(DockerfileText.Load().PublishArgumentsInto(output), Path.Combine(Folder, "publish.log"));
        return output;
    }

    private async Task<InstalledTool> PackAndInstallAsync()
    {
        var packages = Path.Combine(Folder, "packages");
        var toolPath = Path.Combine(Folder, "tools");
        await DotnetCommand.RunAsync(["pack", "src/Host", "-c", "Release", "-o", packages], Path.Combine(Folder, "pack.log"));
        var package = Assert.Single(Directory.GetFiles(packages, $"{PackageId}.*.nupkg"));
        // --source, not --add-source: the test installs what it just packed and nothing from a feed.
        await DotnetCommand.RunAsync(
            ["tool", "install", "--tool-path", toolPath, "--source", packages, PackageId], Path.Combine(Folder, "install.log"));
        return new InstalledTool(package, Path.Combine(toolPath, ToolCommand));
    }
}
