namespace Paystack.Host.Tests.Packaging;

/// <summary>
/// The two slow builds, each made at most once per test run and only when a test asks for it: the Dockerfile's publish
/// step, and the .NET tool packages of this machine's runtime and of the fallback installed into a private tool path.
/// Both build the Release configuration of the same projects, so they take turns.
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
        var runtimes = ToolRuntimes.ToPack();
        // Quoted, so that MSBuild reads the semicolons as one list rather than as separate properties.
        await DotnetCommand.RunAsync(
            ["pack", "src/Host", "-c", "Release", "-o", packages, $"-p:ToolPackageRuntimeIdentifiers=\"{string.Join(';', runtimes)}\""],
            Path.Combine(Folder, "pack.log"));
        // --source, not --add-source: the test installs what it just packed and nothing from a feed.
        await DotnetCommand.RunAsync(
            ["tool", "install", "--tool-path", toolPath, "--source", packages, PackageId], Path.Combine(Folder, "install.log"));
        return new InstalledTool(packages, runtimes, Path.Combine(toolPath, ToolCommand));
    }
}
