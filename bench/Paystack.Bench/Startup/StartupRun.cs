namespace Paystack.Bench.Startup;

/// <summary>The steps of one traced run, in milliseconds from the run's origin.</summary>
/// <param name="Label">cold (new process), again (same ActorSystem), new-system (same process, new ActorSystem).</param>
public sealed record StartupRun(string Label, IReadOnlyList<StartupMark> Marks, bool Succeeded, string? Error);

/// <summary>What a start-up case reports to the parent process.</summary>
/// <param name="JournalExisted">The journal already held the streams (a scheduled run) rather than nothing (a first sync).</param>
/// <param name="ProcessToMainMs">From the child process's start to its Main: runtime start-up, before any engine code.</param>
public sealed record StartupResult(
    string Name, string Journal, bool JournalExisted, int Streams, double ProcessToMainMs, IReadOnlyList<StartupRun> Runs)
{
    public bool Succeeded => Runs.All(r => r.Succeeded);
}
