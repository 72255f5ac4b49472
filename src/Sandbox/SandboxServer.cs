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

    private SandboxServer(WebApplication app, Uri baseUrl, SandboxStore store, SandboxRequestLog requests, SandboxOptions options)
    {
        _app = app;
        BaseUrl = baseUrl;
        Store = store;
        Requests = requests;
        Options = options;
    }

    /// <summary>Root of the API with a trailing slash, e.g. <c>http://127.0.0.1:43567/</c>; append <c>transaction</c> etc.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The records served; tests add and change records through it.</summary>
    public SandboxStore Store { get; }

    /// <summary>Every request seen, with its answer's status.</summary>
    public SandboxRequestLog Requests { get; }

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

        var dataset = new Dataset(options);
        var store = new SandboxStore(dataset, clock);
        var requests = new SandboxRequestLog();
        var pipeline = new SandboxPipeline(options, requests, clock);
        var list = new ListEndpoint(dataset, options, clock);
        var fetch = new FetchEndpoint(dataset);
        var settlementTransactions = new SettlementTransactionsEndpoint(dataset, options, clock);
        var balance = new BalanceEndpoint(dataset, options);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Use(pipeline.InvokeAsync);
        app.MapGet("/{resource}", (HttpContext context, string resource) => list.HandleAsync(context, resource));
        foreach (var path in Dataset.Paths.Where(p => p.Contains('/'))) // two-segment list paths such as balance/ledger
            app.MapGet("/" + path, (HttpContext context) => list.HandleAsync(context, path));
        app.MapGet("/balance", balance.HandleAsync);
        app.MapGet("/settlement/{id}/transactions", (HttpContext context, string id) => settlementTransactions.HandleAsync(context, id));
        app.MapGet("/{resource}/{id}", (HttpContext context, string resource, string id) => fetch.HandleAsync(context, resource, id));
        app.MapFallback((HttpContext context) =>
            JsonReply.WriteAsync(context, StatusCodes.Status404NotFound, PaystackErrors.Simple("Entity not found")));

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address);
        var baseUrl = new Uri($"http://127.0.0.1:{bound.Port}/");
        return new SandboxServer(app, baseUrl, store, requests, options);
    }

    /// <summary>Stops listening and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
