namespace Paystack.Actors.Configuration;

/// <summary>The effective configuration cannot be used; <see cref="Problems"/> lists every bad key, each naming its full path and value.</summary>
public sealed class SyncConfigurationException : Exception
{
    public SyncConfigurationException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? $"Invalid configuration: {problems[0]}"
            : $"Invalid configuration ({problems.Count} problems):{Environment.NewLine}" +
              string.Join(Environment.NewLine, problems.Select(p => $"  - {p}"));
}
