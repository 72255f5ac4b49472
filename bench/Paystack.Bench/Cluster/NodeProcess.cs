using System.Diagnostics;

namespace Paystack.Bench.Cluster;

/// <summary>
/// One <c>dotnet paystack-sync.dll serve --cluster ...</c> process: its log lines kept with the time each arrived (to
/// tell when a survivor logged the downing decision), its CPU and memory read from /proc.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<(DateTimeOffset At, string Line)> _lines = [];

    private NodeProcess(Process process, int clusterPort, Uri admin)
    {
        _process = process;
        ClusterPort = clusterPort;
        Admin = admin;
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public static NodeProcess Start(string hostDll, IEnumerable<string> arguments, int clusterPort, Uri admin)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Keys come from the accounts file's key files only.
        start.Environment["PAYSTACK_SECRET_KEY"] = null;
        return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), clusterPort, admin);
    }

    public int ClusterPort { get; }

    public Uri Admin { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU and memory of the app: <c>dotnet app.dll</c> runs the app in the process it starts.</summary>
    public ProcStats? Stats() => HasExited ? null : ProcStats.Read(_process.Id);

    /// <summary>The first line logged at or after <paramref name="since"/> that contains any of <paramref name="marks"/>.</summary>
    public (DateTimeOffset At, string Line)? FirstLine(DateTimeOffset since, params string[] marks)
    {
        lock (_lines)
            return _lines.Where(l => l.At >= since && marks.Any(m => l.Line.Contains(m, StringComparison.OrdinalIgnoreCase)))
                .Select(l => ((DateTimeOffset, string)?)l).FirstOrDefault();
    }

    public string Tail(int characters = 3000)
    {
        lock (_lines)
        {
            var text = string.Join("\n", _lines.Select(l => l.Line));
            return text[^Math.Min(text.Length, characters)..];
        }
    }

    /// <summary>Every line with the time it arrived, to read what a member did and when.</summary>
    public void SaveLog(string path)
    {
        lock (_lines) File.WriteAllLines(path, _lines.Select(l => $"{l.At:HH:mm:ss.fff} {l.Line}"));
    }

    /// <summary>SIGKILL: the node vanishes without leaving the cluster, as on a crash or a lost machine.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add((DateTimeOffset.UtcNow, line));
    }
}
