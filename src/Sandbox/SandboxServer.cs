using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paystack.Sandbox.Data;
using Paystack.Sandbox.Http;

namespace Paystack.Sandbox;

/// <summary>
/// A fake api.paystack.co on Kestrel, bound to 127.0.0.1: the list endpoints (plus fetch by id, a settlement's
/// transactions and the balance) with Paystack's envelope, paging styles, filters, auth errors, rate limits and
/// injectable faults, over a deterministic dataset of any size.
/// Start with <see cref="StartAsync"/>, stop by disposing.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly IReadOnlyDictionary<string, SandboxAccount> _accountsByKey;

    private SandboxServer(WebApplication app, Uri baseUrl, IReadOnlyList<SandboxAccount> accounts,
        IReadOnlyDictionary<string, SandboxAccount> accountsByKey, SandboxRequestLog requests, SandboxOptions options)
    {
        _app = app;
        BaseUrl = baseUrl;
        Accounts = accounts;
        _accountsByKey = accountsByKey;
        Store = accounts[0].Store;
        Requests = requests;
        Options = options;
    }

    /// <summary>Root of the API with a trailing slash, e.g. <c>http://127.0.0.1:43567/</c>; append <c>transaction</c> etc.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The records served to <c>Options.TestKey</c> and <c>Options.LiveKey</c>; tests add and change records through it.</summary>
    public SandboxStore Store { get; }

    /// <summary>Every request seen, whatever its key, with its answer's status.</summary>
    public SandboxRequestLog Requests { get; }

    /// <summary>
    /// Every key accepted: <c>Options.TestKey</c>, <c>Options.LiveKey</c> (one data set, <see cref="Store"/>), then
    /// each of <c>Options.AllAccounts()</c> with its own data set.
    /// </summary>
    public IReadOnlyList<SandboxAccount> Accounts { get; }

    /// <summary>The account of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The sandbox does not accept the key.</exception>
    public SandboxAccount Account(string key) =>
        _accountsByKey.TryGetValue(key, out var account) ? account : throw new KeyNotFoundException("The sandbox accepts no such key.");

    /// <summary>Fault injection, switchable while running (same object as <c>Options.Faults</c>).</summary>
    public SandboxFaults Faults => Options.Faults;

    /// <summary>The options the server was started with.</summary>
    public SandboxOptions Options { get; }

    /// <summary>Builds the dataset and starts listening on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static Task<SandboxServer> StartAsync(SandboxOptions options, int port = 0, CancellationToken ct = default) =>
        StartAsync(options, port, TimeProvider.System, ct);

    internal static async Task<SandboxServer> StartAsync(SandboxOptions options, int port, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A port is between 0 and 65535.");

        var accounts = CreateAccounts(options, clock);
        var requests = new SandboxRequestLog();
        var accountsByKey = accounts.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var pipeline = new SandboxPipeline(options, accountsByKey, requests, clock);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Use(pipeline.InvokeAsync);
        app.MapGet("/{resource}", (HttpContext context, string resource) => EndpointsOf(context).List.HandleAsync(context, resource));
        foreach (var path in Dataset.Paths.Where(p => p.Contains('/'))) // two-segment list paths such as balance/ledger
            app.MapGet("/" + path, (HttpContext context) => EndpointsOf(context).List.HandleAsync(context, path));
        app.MapGet("/balance", (HttpContext context) => EndpointsOf(context).Balance.HandleAsync(context));
        app.MapGet("/settlement/{id}/transactions",
            (HttpContext context, string id) => EndpointsOf(context).SettlementTransactions.HandleAsync(context, id));
        app.MapGet("/{resource}/{id}",
            (HttpContext context, string resource, string id) => EndpointsOf(context).Fetch.HandleAsync(context, resource, id));
        app.MapFallback((HttpContext context) =>
            JsonReply.WriteAsync(context, StatusCodes.Status404NotFound, PaystackErrors.Simple("Entity not found")));

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address);
        var baseUrl = new Uri($"http://127.0.0.1:{bound.Port}/");
        return new SandboxServer(app, baseUrl, accounts, accountsByKey, requests, options);
    }

    /// <summary>Distance between the id ranges of two accounts: more than any resource's ids span.</summary>
    private const long AccountIdSpacing = 10_000_000_000;

    /// <summary>The options' test and live keys over one data set, then one data set per further account.</summary>
    private static SandboxAccount[] CreateAccounts(SandboxOptions options, TimeProvider clock)
    {
        var dataset = new Dataset(options);
        var store = new SandboxStore(dataset, clock);
        var endpoints = new AccountEndpoints(dataset, options, clock);
        var accounts = new List<SandboxAccount>
        {
            new(options.TestKey, "test", options.TestRateLimit, options.RateLimitWindow, store, endpoints),
            new(options.LiveKey, "live", options.LiveRateLimit, options.RateLimitWindow, store, endpoints),
        };
        foreach (var (account, number) in options.AllAccounts().Select((a, i) => (a, i + 1L)))
        {
            // Paystack's ids are unique across accounts: account n's lie n * AccountIdSpacing above the first's.
            var own = new Dataset(account.Seed, path => account.RecordsFor(options, path), options.DataStart, options.DataEnd,
                number * AccountIdSpacing);
            var limit = account.RateLimit ?? (account.Domain == "live" ? options.LiveRateLimit : options.TestRateLimit);
            accounts.Add(new SandboxAccount(account.Key, account.Domain, limit, options.RateLimitWindow,
                new SandboxStore(own, clock), new AccountEndpoints(own, options, clock)));
        }
        return accounts.ToArray();
    }

    // Set by the pipeline before any endpoint runs: a request without a known key never gets here.
    private static AccountEndpoints EndpointsOf(HttpContext context) =>
        ((SandboxAccount)context.Items[SandboxPipeline.AccountKey]!).Endpoints;

    /// <summary>Stops listening and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
