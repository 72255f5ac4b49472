using System.Xml.Linq;

namespace Paystack.Host.Tests.Packaging;

/// <summary>What Airbyte reads from the image: its labels, and an entrypoint that runs what the build stage published.</summary>
public sealed class DockerfileTests
{
    private readonly DockerfileText _dockerfile = DockerfileText.Load();

    [Fact]
    public void Labels_name_the_source_and_carry_the_package_version()
    {
        Assert.Equal("paystackactors/source-paystack-actors", _dockerfile.Labels["io.airbyte.name"]);
        Assert.Equal(HostVersion(), _dockerfile.Labels["io.airbyte.version"]);
    }

    [Fact]
    public void Entrypoint_runs_the_published_executable_and_airbyte_is_told_so()
    {
        var entrypoint = _dockerfile.Entrypoint;

        Assert.Equal($"{_dockerfile.PublishOutput.TrimEnd('/')}/paystack-sync", Assert.Single(entrypoint));
        Assert.Equal(string.Join(' ', entrypoint), _dockerfile.Environment["AIRBYTE_ENTRYPOINT"]);
    }

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime()
    {
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], _dockerfile.BaseImages);
        Assert.Equal(["publish", "src/Host", "-c", "Release", "-o", "/app"], _dockerfile.PublishArguments);
    }

    [Fact]
    public void Parses_continuation_lines_comments_and_quoted_values()
    {
        var parsed = DockerfileText.Parse("""
            # a comment
            FROM img:1 AS build
            RUN dotnet publish \
                src/Host -o /out
            LABEL a=1 b="two words"
            ENTRYPOINT ["dotnet", "/out/x.dll"]
            """);

        Assert.Equal(["img:1"], parsed.BaseImages);
        Assert.Equal(["publish", "src/Host", "-o", "/out"], parsed.PublishArguments);
        Assert.Equal(["publish", "src/Host", "-o", "/tmp/elsewhere"], parsed.PublishArgumentsInto("/tmp/elsewhere"));
        Assert.Equal("two words", parsed.Labels["b"]);
        Assert.Equal(["dotnet", "/out/x.dll"], parsed.Entrypoint);
    }

    private static string HostVersion() =>
        XDocument.Load(RepositoryRoot.File("src", "Host", "Paystack.Host.csproj")).Descendants("Version").Single().Value;
}
