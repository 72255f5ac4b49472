using System.IO.Compression;
using System.Xml.Linq;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;

namespace Paystack.Host.Tests.Packaging;

/// <summary><c>dotnet pack src/Host</c> then <c>dotnet tool install</c> gives a paystack-sync command that works anywhere.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", PackagingCollection.SlowCategory)]
public sealed class DotnetToolPackageTests(PackagedBuilds builds)
{
    private const string ToolFolder = "tools/net10.0/any/";

    [Fact]
    public async Task Package_is_a_dotnet_tool_carrying_the_engine_assemblies_and_the_default_settings()
    {
        var tool = await builds.Tool;
        using var package = ZipFile.OpenRead(tool.Package);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        foreach (var file in new[] { "paystack-sync.dll", "Paystack.Actors.dll", "Paystack.Sandbox.dll", "hocon/paystack-sync.conf", "DotnetToolSettings.xml" })
            Assert.Contains(ToolFolder + file, entries);
        Assert.Contains("README.md", entries);

        var settings = XDocument.Load(package.GetEntry(ToolFolder + "DotnetToolSettings.xml")!.Open());
        var command = Assert.Single(settings.Descendants("Command"));
        Assert.Equal("paystack-sync", command.Attribute("Name")?.Value);
        Assert.Equal("paystack-sync.dll", command.Attribute("EntryPoint")?.Value);

        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string Metadata(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal(PackagedBuilds.PackageId, Metadata("id"));
        Assert.Equal("MIT", Metadata("license"));
        Assert.False(string.IsNullOrWhiteSpace(Metadata("description")));
        Assert.Equal("DotnetTool", nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
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
    public async Task Installed_tool_prints_the_same_default_configuration_as_the_build()
    {
        var tool = await builds.Tool;

        var installed = await ExecutableRunner.RunAsync(tool.Command, "config");
        var built = await CliRunner.RunAsync("config");

        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Contains("page-size", installed.Stdout);
        Assert.Equal(built.Stdout, installed.Stdout);
    }
}
