namespace Paystack.Bench;

/// <summary>How every case of a run is set up, beyond the case itself.</summary>
/// <param name="ExternalSandbox">Run the sandbox as <c>dotnet HOST_DLL sandbox ...</c> in its own process.</param>
/// <param name="HostDll">The Release build of the <c>paystack-sync</c> host, for an external sandbox.</param>
/// <param name="Journal"><c>sqlite</c> (a file in a temp folder, as in production) or <c>inmem</c> (to see what the journal costs).</param>
/// <param name="Trace">Print a line a second while a case runs (records, pages in flight, rate limiter).</param>
/// <param name="Folder">Start-up cases: where the journal and destination live, kept after the case (a later process finds them); null is a new temp folder.</param>
public sealed record RunOptions(bool ExternalSandbox, string HostDll, string Journal, bool Trace, string? Folder = null)
{
    /// <summary>The same options as arguments for a child process.</summary>
    public IReadOnlyList<string> ToArguments() =>
        ["--sandbox", ExternalSandbox ? "external" : "inprocess", "--sandbox-dll", HostDll, "--journal", Journal,
         .. (Trace ? ["--trace"] : Array.Empty<string>()), .. (Folder is null ? Array.Empty<string>() : ["--folder", Folder])];
}
