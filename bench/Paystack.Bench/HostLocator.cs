namespace Paystack.Bench;

/// <summary>Finds the Release build of the <c>paystack-sync</c> host next to the solution this program was built from.</summary>
public static class HostLocator
{
    public static string DefaultHostDll()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Paystack.Actors.sln")))
                return Path.Combine(folder.FullName, "src", "Host", "bin", "Release", "net10.0", "paystack-sync.dll");
        return Path.GetFullPath("src/Host/bin/Release/net10.0/paystack-sync.dll");
    }
}
