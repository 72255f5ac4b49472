using System.Text.Json;
using Paystack.Bench;
using Paystack.Bench.Cluster;
using Paystack.Bench.Journal;
using Paystack.Bench.Limiter;
using Paystack.Bench.Startup;
using Paystack.Bench.Webhooks;

// paystack-bench [ceiling|memory|unlimited|startup|journal-growth|limiter-recovery|requests|ceiling-exe|unlimited-exe|webhooks|all ...] [--sandbox inprocess|external] [--sandbox-dll PATH] [--baseline-dll PATH] [--journal sqlite|inmem] [--trace] [--runs N] [--rate-limits HOCON] [--case NAME]
// Every case runs in its own child process; --case runs one case here and prints its result as a JSON line.
var scenarios = new List<string>();
string? caseName = null;
var external = false;
string? hostDll = null;
string? baselineDll = null;
var journal = "sqlite";
var trace = false;
var executableRuns = 3;
var simulatedRuns = 10_000;
var rateLimits = "";
string? folder = null;
IReadOnlyList<int> clusterNodes = [1, 2, 3];
IReadOnlyList<string> destinations = ["sqlite", "postgres"];
IReadOnlyList<int> idleAccounts = [0, 30, 300];
IReadOnlyList<ClusterTimings> failoverTimings = [ClusterTimings.Scaled];
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--case" when i + 1 < args.Length:
            caseName = args[++i];
            break;
        case "--sandbox" when i + 1 < args.Length:
            external = args[++i] switch
            {
                "external" => true,
                "inprocess" => false,
                var other => Fail<bool>($"--sandbox must be inprocess or external, not '{other}'."),
            };
            break;
        case "--journal" when i + 1 < args.Length:
            journal = args[++i] is "sqlite" or "inmem" ? args[i] : Fail<string>($"--journal must be sqlite or inmem, not '{args[i]}'.");
            break;
        case "--sandbox-dll" when i + 1 < args.Length:
            hostDll = Path.GetFullPath(args[++i]);
            break;
        case "--baseline-dll" when i + 1 < args.Length:
            baselineDll = Path.GetFullPath(args[++i]);
            break;
        case "--runs" when i + 1 < args.Length:
            executableRuns = int.TryParse(args[++i], out var runs) && runs >= 0 ? runs : Fail<int>($"--runs must be a whole number, not '{args[i]}'.");
            break;
        case "--simulated-runs" when i + 1 < args.Length:
            simulatedRuns = int.TryParse(args[++i], out var simulated) && simulated >= 10 ? simulated : Fail<int>($"--simulated-runs must be a whole number of at least 10, not '{args[i]}'.");
            break;
        case "--rate-limits" when i + 1 < args.Length:
            rateLimits = args[++i];
            break;
        case "--folder" when i + 1 < args.Length:
            folder = Path.GetFullPath(args[++i]);
            break;
        case "--destinations" when i + 1 < args.Length:
            destinations = args[++i].Split(',').Select(d => d is "sqlite" or "postgres" ? d : Fail<string>($"--destinations takes sqlite and postgres, comma-separated, not '{d}'.")).ToList();
            break;
        case "--nodes" when i + 1 < args.Length:
            clusterNodes = Numbers(args[++i], "--nodes", least: 1);
            break;
        case "--idle-accounts" when i + 1 < args.Length:
            idleAccounts = Numbers(args[++i], "--idle-accounts", least: 0);
            break;
        case "--timings" when i + 1 < args.Length:
            try
            {
                failoverTimings = args[++i].Split(',').Select(ClusterTimings.Parse).ToList();
            }
            catch (ArgumentException invalid)
            {
                return Fail<int>(invalid.Message);
            }
            break;
        case "--trace":
            trace = true;
            break;
        case "all":
            scenarios.AddRange(Scenarios.Default);
            break;
        case "startup" or "startup-exe" or "journal-growth" or "limiter-recovery" or "webhooks" or "requests" or "ceiling-exe" or "unlimited-exe":
            scenarios.Add(args[i]);
            break;
        case var name when ClusterScenario.Parts.Contains(name):
            scenarios.Add(name);
            break;
        case var name when Scenarios.Names.Contains(name):
            scenarios.Add(name);
            break;
        case "--help" or "-h":
            Usage();
            return 0;
        default:
            return Fail<int>($"Unknown argument '{args[i]}'.");
    }
}

hostDll ??= HostLocator.DefaultHostDll();
var options = new RunOptions(external, hostDll, journal, trace, folder);

if (caseName is not null && StartupCase.Find(caseName) is { } startupCase)
{
    var startup = await StartupRunner.RunAsync(startupCase, options);
    Console.WriteLine(ChildCase.ResultPrefix + JsonSerializer.Serialize(startup));
    return startup.Succeeded ? 0 : 1;
}

if (caseName is not null)
{
    var benchCase = Scenarios.Find(caseName) ?? throw new ArgumentException(
        $"Unknown case '{caseName}'. Cases: {string.Join(", ", Scenarios.All.Select(c => c.Name))}.");
    var result = await CaseRunner.RunAsync(benchCase, options);
    Console.WriteLine(ChildCase.ResultPrefix + JsonSerializer.Serialize(result));
    return result.Succeeded ? 0 : 1;
}

if (scenarios.Count == 0)
{
    Usage();
    return 2;
}

if (!scenarios.All(ClusterScenario.Parts.Contains))
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"
        // Only the in-process engine cases host the sandbox beside the engine; the executable cases measure the executable alone.
        + (scenarios.Any(Scenarios.Names.Contains) ? $"; sandbox {(external ? "in its own process" : "in this process (its CPU and memory are included)")}; journal {journal}." : "."));
var allMet = true;
foreach (var scenario in scenarios.Distinct())
{
    if (ClusterScenario.Parts.Contains(scenario))
    {
        allMet &= await ClusterScenario.RunAsync(scenario, new ClusterScenario.Options(options.HostDll, clusterNodes, idleAccounts, failoverTimings));
        continue;
    }
    if (scenario == "requests")
    {
        allMet &= await Paystack.Bench.Requests.RequestsScenario.RunAsync();
        continue;
    }
    if (scenario == "ceiling-exe")
    {
        allMet &= await Paystack.Bench.Ceiling.ExecutableCeiling.RunAsync(options.HostDll, Math.Max(1, executableRuns), rateLimits);
        continue;
    }
    if (scenario == "unlimited-exe")
    {
        allMet &= await Paystack.Bench.Throughput.ExecutableThroughput.RunAsync(options.HostDll, Math.Max(1, executableRuns), destinations);
        continue;
    }
    if (scenario is "startup" or "startup-exe")
    {
        allMet &= await RunStartupAsync(options, executableRuns, withCases: scenario == "startup", baselineDll);
        continue;
    }
    if (scenario == "limiter-recovery")
    {
        allMet &= await LimiterRecovery.RunAsync();
        continue;
    }
    if (scenario == "webhooks")
    {
        allMet &= await WebhookBudget.RunAsync() && await WebhookLatency.RunAsync(options.HostDll);
        continue;
    }
    if (scenario == "journal-growth")
    {
        allMet &= await JournalGrowth.RunAsync(simulatedRuns);
        continue;
    }

    var results = new List<CaseResult>();
    foreach (var benchCase in Scenarios.Of(scenario))
    {
        Console.Error.WriteLine($"running {benchCase.Name} ...");
        results.Add(await ChildCase.RunAsync(benchCase, options.ToArguments()));
    }
    Console.WriteLine();
    Console.WriteLine(ResultTable.Render(scenario, results));
    foreach (var verdict in TargetCheck.Verdicts(scenario, results))
    {
        allMet &= !verdict.EndsWith("NOT MET", StringComparison.Ordinal);
        Console.WriteLine("- " + verdict);
    }
}
return allMet ? 0 : 1;

// Start-up: each case in fresh child processes (cold JIT), then the executable end to end; --runs N of each.
static async Task<bool> RunStartupAsync(RunOptions options, int executableRuns, bool withCases, string? baselineDll)
{
    var succeeded = true;
    foreach (var startupCase in withCases ? StartupCase.All : [])
    {
        // The first process finds no journal (a first sync); the second finds the first one's (every scheduled run after).
        var results = new List<StartupResult>();
        for (var i = 0; i < Math.Max(1, executableRuns); i++)
        {
            var state = Directory.CreateTempSubdirectory("paystack-startup-").FullName;
            try
            {
                for (var process = 1; process <= 2; process++)
                {
                    Console.Error.WriteLine($"running {startupCase.Name} ({i + 1}, process {process}) ...");
                    results.Add(await ChildCase.RunAsync<StartupResult>(startupCase.Name, (options with { Folder = state }).ToArguments()));
                }
            }
            finally
            {
                Directory.Delete(state, recursive: true);
            }
        }
        succeeded &= results.All(r => r.Succeeded);
        foreach (var group in results.GroupBy(r => r.JournalExisted))
        {
            Console.WriteLine();
            Console.WriteLine(StartupReport.Render(group.ToList()));
        }
    }
    if (executableRuns > 0)
    {
        Console.Error.WriteLine($"running the executable {executableRuns} time(s) per command ...");
        var hosts = baselineDll is null ? [options.HostDll] : new[] { baselineDll, options.HostDll };
        var byHost = await ExecutableRuns.RunAsync(hosts, executableRuns);
        foreach (var host in hosts)
        {
            succeeded &= byHost[host].All(r => r.ExitCode == 0);
            Console.WriteLine(StartupReport.Render(byHost[host], host));
        }
    }
    return succeeded;
}

static void Usage() => Console.WriteLine("""
    Usage: paystack-bench SCENARIO... [--sandbox inprocess|external] [--sandbox-dll PATH] [--journal sqlite|inmem]
      SCENARIO: ceiling | memory | unlimited | startup | startup-exe | journal-growth | limiter-recovery | requests |
                ceiling-exe | unlimited-exe | webhooks | cluster | cluster-throughput | cluster-memory | cluster-failover |
                all (all = the first three)
                cluster: `serve --cluster` processes (Release build of src/Host) with a PostgreSQL journal
                (PAYSTACK_BENCH_POSTGRES or PAYSTACK_TEST_POSTGRES): 30 rate-limited accounts on 1, 2, 3 members
                (--nodes 1,2,3), memory per idle account (--idle-accounts 0,30,300), a member SIGKILLed mid-run
                (--timings scaled,defaults: the cluster's failure-detection timings)
                requests: requests per run against the minimum (dense, sparse, empty, incremental, lookback, page sizes);
                ceiling-exe: the executable against 20 requests/s, 150 ms latency, 24,000 records in 2 streams (--runs N)
                unlimited-exe: the executable with no rate limit, 8 streams of 50,000 records, the sandbox in this
                process (--runs N, --destinations sqlite,postgres; postgres needs PAYSTACK_BENCH_POSTGRES or
                PAYSTACK_TEST_POSTGRES)
                webhooks: requests a day to keep changing records current (webhooks + reconciliation vs nightly full
                refresh vs 35-day lookback), then 500 changes delivered to a real `serve` (Release build of src/Host):
                event-to-row latency p50/p99 and re-reads per change
                startup: a tiny job traced step by step in fresh processes, then the executable end to end;
                startup-exe: only the executable (--sandbox-dll PATH picks the build, a published folder's dll, or an
                executable run as it is, e.g. the command `dotnet tool install --tool-path` created); --baseline-dll
                PATH runs another build too, each command on both builds in turn, for a before/after under one load
      --sandbox external  runs the sandbox as `dotnet PATH sandbox ...` (PATH defaults to
                          src/Host/bin/Release/net10.0/paystack-sync.dll; build it first with
                          `dotnet build -c Release src/Host`)
      --journal inmem     keeps stream journals in memory instead of a SQLite file (shows the journal's cost)
      --runs N            startup: processes per case and runs per executable command (default 3; 0 runs each
                          case once and skips the executable)
      --simulated-runs N  journal-growth: incremental runs of one stream (default 10000)
      --folder PATH       startup cases: keep the journal and destination in PATH (a later run finds them)
      --trace             prints a line a second per case: records, pages in flight, rate-limiter state
      --case NAME         runs one case in this process (ceiling-10s, ceiling-2s, memory-100k, memory-1m,
                          unlimited-memory, unlimited-sqlite, startup-1, startup-all)
    """);

static IReadOnlyList<int> Numbers(string list, string option, int least) =>
    list.Split(',').Select(n => int.TryParse(n, out var value) && value >= least ? value : Fail<int>($"{option} takes whole numbers of at least {least}, comma-separated, not '{list}'.")).ToList();

static T Fail<T>(string message)
{
    Console.Error.WriteLine(message);
    Environment.Exit(2);
    return default!;
}
