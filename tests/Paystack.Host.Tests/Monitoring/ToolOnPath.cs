namespace Paystack.Host.Tests.Monitoring;

/// <summary>Finds a program on PATH, as the shell would.</summary>
public static class ToolOnPath
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, name))
        .FirstOrDefault(File.Exists);
}
