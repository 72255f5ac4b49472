namespace Paystack.Bench.Startup;

/// <summary>One run of the <c>paystack-sync</c> executable, timed from outside.</summary>
/// <param name="WallMs">From starting the process to its exit.</param>
/// <param name="FirstRequestMs">From starting the process to the first request reaching the sandbox; null without requests.</param>
/// <param name="RequestSpanMs">From the first request reaching the sandbox to the last.</param>
/// <param name="LastRequestToExitMs">From the last request reaching the sandbox to the process's exit.</param>
public sealed record ExecutableRun(
    string Label, double WallMs, double? FirstRequestMs, double? RequestSpanMs, double? LastRequestToExitMs, int Requests, int ExitCode);
