namespace Paystack.Host.Tests.Packaging;

/// <summary>The checkout the tests were built from: the first folder above the test binaries that holds the solution.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "Paystack.Actors.sln";

    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, SolutionFile)))
                return folder.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }
}
