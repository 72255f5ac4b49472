using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Paystack.Host.Tests.Packaging;

/// <summary>The runtimes the Host project packs a tool package for (<c>ToolPackageRuntimeIdentifiers</c>).</summary>
public static class ToolRuntimes
{
    /// <summary>The framework-dependent IL package that every platform without a package of its own installs.</summary>
    public const string Fallback = "any";

    public static IReadOnlyList<string> OfProject() =>
        XDocument.Load(RepositoryRoot.File("src", "Host", "Paystack.Host.csproj"))
            .Descendants("ToolPackageRuntimeIdentifiers").Single().Value
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// What the tests pack: this machine's runtime and the fallback, the two that can run here. Each runtime's
    /// ReadyToRun compilation takes minutes, so the others are left to a real <c>dotnet pack</c>.
    /// </summary>
    public static IReadOnlyList<string> ToPack() =>
        OfProject().Where(r => r == RuntimeInformation.RuntimeIdentifier || r == Fallback).ToList();
}
