using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;

namespace Paystack.Host.Tests.Packaging;

/// <summary>
/// <c>dotnet pack src/Host</c> then <c>dotnet tool install</c> gives a paystack-sync command that works anywhere: a
/// ReadyToRun package for this machine's runtime, a framework-dependent IL package for every other.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", PackagingCollection.SlowCategory)]
public sealed class DotnetToolPackageTests(PackagedBuilds builds)
{
    private static readonly string ThisRuntime = RuntimeInformation.RuntimeIdentifier;

    /// <summary>The runtimes docs/installing.md names; the tests below pack only this machine's and the fallback.</summary>
    [Fact]
    public void Project_packs_readytorun_runtimes_and_the_fallback()
    {
        var runtimes = ToolRuntimes.OfProject();

        Assert.Contains(ToolRuntimes.Fallback, runtimes);
        Assert.Superset(new HashSet<string> { "linux-x64", "linux-arm64", "linux-musl-x64", "osx-arm64", "win-x64" }, runtimes.ToHashSet());
    }

    [Fact]
    public async Task Package_names_a_package_per_runtime_and_carries_the_metadata()
    {
        var tool = await builds.Tool;
        using var package = ZipFile.OpenRead(tool.Package);

        Assert.Contains("README.md", package.Entries.Select(e => e.FullName));
        Assert.DoesNotContain(package.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
        var settings = XDocument.Load(Assert.Single(package.Entries, e => e.Name == "DotnetToolSettings.xml").Open());
        Assert.Equal("paystack-sync", Assert.Single(settings.Descendants("Command")).Attribute("Name")?.Value);
        var perRuntime = settings.Descendants("RuntimeIdentifierPackage")
            .ToDictionary(e => e.Attribute("RuntimeIdentifier")!.Value, e => e.Attribute("Id")!.Value);
        Assert.Equal(tool.Runtimes.ToDictionary(r => r, r => $"{PackagedBuilds.PackageId}.{r}"), perRuntime);

        var nuspec = Nuspec(package);
        Assert.Equal(PackagedBuilds.PackageId, Metadata(nuspec, "id"));
        Assert.Equal("MIT", Metadata(nuspec, "license"));
        Assert.False(string.IsNullOrWhiteSpace(Metadata(nuspec, "description")));
        Assert.Equal("DotnetTool", PackageType(nuspec));
    }

    [SkippableFact]
    public async Task Installed_tool_is_the_readytorun_package_of_this_machine()
    {
        var tool = await builds.Tool;
        Skip.IfNot(tool.Runtimes.Contains(ThisRuntime), $"The tool has no package of its own for {ThisRuntime}.");
        using var package = ZipFile.OpenRead(tool.RuntimePackage(ThisRuntime));
        var folder = $"tools/net10.0/{ThisRuntime}/";

        AssertCarriesTheEngine(package, folder);
        var command = ToolCommand(package, folder);
        var apphost = OperatingSystem.IsWindows() ? "paystack-sync.exe" : "paystack-sync";
        Assert.Equal(("executable", apphost), (command.Attribute("Runner")?.Value, command.Attribute("EntryPoint")?.Value));
        foreach (var assembly in new[] { "paystack-sync.dll", "Paystack.Actors.dll", "Akka.dll", "Akka.Persistence.Sql.dll", "linq2db.dll" })
            Assert.True(ReadyToRunImage.Is(package.GetEntry(folder + assembly)!), $"{assembly} is not ReadyToRun");
        Assert.Equal("DotnetToolRidPackage", PackageType(Nuspec(package)));

        // The command runs the apphost from the package dotnet tool install picked for this machine.
        var installed = new FileInfo(tool.Command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? tool.Command;
        Assert.Contains($"{PackagedBuilds.PackageId}.{ThisRuntime}".ToLowerInvariant(), installed);
    }

    [Fact]
    public async Task Fallback_package_is_portable_il_that_dotnet_runs()
    {
        var tool = await builds.Tool;
        using var package = ZipFile.OpenRead(tool.RuntimePackage(ToolRuntimes.Fallback));
        const string folder = "tools/net10.0/any/";

        AssertCarriesTheEngine(package, folder);
        var command = ToolCommand(package, folder);
        Assert.Equal(("dotnet", "paystack-sync.dll"), (command.Attribute("Runner")?.Value, command.Attribute("EntryPoint")?.Value));
        var assemblies = package.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal) && !e.FullName.Contains("/native/"));
        Assert.Empty(assemblies.Where(ReadyToRunImage.Is).Select(e => e.FullName));
        // Native SQLite for other platforms than this one, so that the fallback runs there.
        Assert.Contains(package.Entries, e => e.FullName.StartsWith(folder + "runtimes/linux-musl-x64/native/", StringComparison.Ordinal));

        // Run as dotnet tool install would run it on a platform without a package of its own.
        var extracted = Path.Combine(builds.Folder, "fallback");
        package.ExtractToDirectory(extracted, overwriteFiles: true);
        var spec = await ExecutableRunner.RunAsync("dotnet", Path.Combine(extracted, folder, "paystack-sync.dll"), "spec");
        Assert.True(spec.ExitCode == 0, spec.ToString());
        ProtocolSchema.AssertAllValid(spec);
        spec.Single("SPEC");
    }

    [Fact]
    public async Task Installed_tool_prints_the_airbyte_spec_and_lists_its_commands()
    {
        var tool = await builds.Tool;

        var spec = await ExecutableRunner.RunAsync(tool.Command, "spec");
        var help = await ExecutableRunner.RunAsync(tool.Command, "--help");

        Assert.True(spec.ExitCode == 0, spec.ToString());
        ProtocolSchema.AssertAllValid(spec);
        var connection = spec.Single("SPEC").GetProperty("spec").GetProperty("connectionSpecification");
        Assert.True(connection.GetProperty("properties").TryGetProperty("secret_key", out _), spec.Stdout);
        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var verb in new[] { "sync", "read", "demo", "spec", "check", "discover", "config" })
            Assert.Matches($@"(?m)^\s+{verb}\s", help.Stdout);
    }

    [Fact]
    public async Task Installed_tool_syncs_the_demo_sandbox_into_sqlite()
    {
        var tool = await builds.Tool;
        var database = Path.Combine(builds.Folder, "demo.db");

        var demo = await ExecutableRunner.RunAsync(tool.Command, "demo", "--records", "5", "--database", database);

        Assert.True(demo.ExitCode == 0, demo.ToString());
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM transactions";
        Assert.Equal(5L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Installed_tool_prints_the_same_default_configuration_as_the_build()
    {
        var tool = await builds.Tool;

        var installed = await ExecutableRunner.RunAsync(tool.Command, "config");
        var built = await CliRunner.RunAsync("config");

        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Contains("page-size", installed.Stdout);
        Assert.Equal(built.Stdout, installed.Stdout);
    }

    private static void AssertCarriesTheEngine(ZipArchive package, string folder)
    {
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var file in new[] { "paystack-sync.dll", "Paystack.Actors.dll", "Paystack.Sandbox.dll", "hocon/paystack-sync.conf" })
            Assert.Contains(folder + file, entries);
        using var runtimeConfig = package.GetEntry(folder + "paystack-sync.runtimeconfig.json")!.Open();
        RuntimeTuning.AssertShipped(runtimeConfig);
    }

    private static XElement ToolCommand(ZipArchive package, string folder) =>
        Assert.Single(XDocument.Load(package.GetEntry(folder + "DotnetToolSettings.xml")!.Open()).Descendants("Command"));

    private static XDocument Nuspec(ZipArchive package) =>
        XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());

    private static string Metadata(XDocument nuspec, string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;

    private static string? PackageType(XDocument nuspec) =>
        nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value;
}
