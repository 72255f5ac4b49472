using System.Text.RegularExpressions;

namespace Paystack.Host.Tests.Packaging;

/// <param name="PackageFolder">Where <c>dotnet pack</c> wrote the tool's packages.</param>
/// <param name="Runtimes">The runtimes packed (<see cref="ToolRuntimes.ToPack"/>), each with a package of its own.</param>
/// <param name="Command">The <c>paystack-sync</c> command that <c>dotnet tool install --tool-path</c> created.</param>
public sealed record InstalledTool(string PackageFolder, IReadOnlyList<string> Runtimes, string Command)
{
    /// <summary>The package <c>dotnet tool install</c> resolves first, which names a package per runtime.</summary>
    public string Package => Find(PackagedBuilds.PackageId);

    /// <summary>The package of one runtime: <c>Paystack.Sync.linux-x64</c>, or <c>Paystack.Sync.any</c> for the fallback.</summary>
    public string RuntimePackage(string runtime) => Find($"{PackagedBuilds.PackageId}.{runtime}");

    // Paystack.Sync.0.1.0.nupkg, not Paystack.Sync.any.0.1.0.nupkg: the id is followed by the version's digits.
    private string Find(string id)
    {
        var name = new Regex($@"^{Regex.Escape(id)}\.\d+\.\d+\.\d+.*\.nupkg$");
        return Assert.Single(Directory.GetFiles(PackageFolder, "*.nupkg"), f => name.IsMatch(Path.GetFileName(f)));
    }
}
