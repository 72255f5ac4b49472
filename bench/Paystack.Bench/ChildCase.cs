using System.Diagnostics;
using System.Text.Json;

namespace Paystack.Bench;

/// <summary>
/// Runs a case in a fresh child process (this program with <c>--case NAME</c>), so its peak working set, heap and CPU
/// are its own and not left over from an earlier case. The child prints its result as one JSON line.
/// </summary>
public static class ChildCase
{
    public const string ResultPrefix = "BENCH-RESULT ";

    public static Task<CaseResult> RunAsync(BenchCase benchCase, IReadOnlyList<string> passThrough) =>
        RunAsync<CaseResult>(benchCase.Name, passThrough);

    /// <summary>Runs the case named <paramref name="caseName"/> in a child process and reads its result of type <typeparamref name="T"/>.</summary>
    public static async Task<T> RunAsync<T>(string caseName, IReadOnlyList<string> passThrough) where T : class
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet paystack-bench.dll` the process is dotnet itself, which needs the dll first.
        var entry = typeof(ChildCase).Assembly.Location;
        if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("paystack-bench", StringComparison.Ordinal))
            start.ArgumentList.Add(entry);
        start.ArgumentList.Add("--case");
        start.ArgumentList.Add(caseName);
        foreach (var argument in passThrough) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The benchmark could not start itself.");
        T? result = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                result = JsonSerializer.Deserialize<T>(line[ResultPrefix.Length..]);
            else
                Console.Error.WriteLine($"  [{caseName}] {line}");
        }
        await process.WaitForExitAsync();
        return result ?? throw new InvalidOperationException($"Case {caseName} ended (exit code {process.ExitCode}) without a result.");
    }
}
