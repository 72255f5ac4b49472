using Paystack.Actors.Paystack;

namespace Paystack.Bench.Startup;

/// <summary>A tiny incremental job whose time is almost all start-up: a few records per stream, within one window.</summary>
/// <param name="Name">Unique case name (<c>--case NAME</c>).</param>
/// <param name="Streams">The streams the job selects.</param>
public sealed record StartupCase(string Name, IReadOnlyList<string> Streams)
{
    /// <summary>Records generated per resource, all created within <see cref="DataDays"/> days before now.</summary>
    public const int RecordsPerResource = 5;

    /// <summary>The job's start date is this many days ago, so one window of the default 90 days covers it.</summary>
    public const int DataDays = 30;

    /// <summary>Each run re-reads the last day, so a run right after another still asks every stream for a page, as a scheduled run does.</summary>
    public const int LookbackDays = 1;

    public static IReadOnlyList<StartupCase> All { get; } =
    [
        new("startup-1", ["customers"]),
        new("startup-all", StreamCatalog.All.Select(s => s.Name).ToList()),
    ];

    public static StartupCase? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
