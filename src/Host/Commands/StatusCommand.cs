using System.CommandLine;
using System.Globalization;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Spectre.Console;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync status</c>: an account's schedule, current and last run, rate limiter and per-stream progress.
/// A service that syncs several accounts is shown as a table of its accounts, each with its state, unless
/// <c>--account</c> names one.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show what a running `serve` is doing: its accounts, or one account's runs, schedule, rate limiter and streams.");
        var account = AdminVerb.AccountOption();
        command.Options.Add(account);
        AdminVerb.SetAction(command, async (parseResult, client, output, cancellationToken) =>
        {
            var query = AdminVerb.AccountQuery(parseResult, account);
            if (query.Length == 0)
            {
                var accounts = await client.GetAsync<AdminModels.AccountList>("admin/accounts", cancellationToken);
                if (accounts.Accounts.Count != 1 || accounts.Accounts[0].State is "invalid" or "starting" or "removing")
                {
                    await output.PrintAsync(accounts, PrintAccounts);
                    return ExitCodes.Success;
                }
            }
            await output.PrintAsync(await client.GetAsync<AdminModels.Status>($"admin/status{query}", cancellationToken), Print);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void PrintAccounts(AdminModels.AccountList list, IAnsiConsole console)
    {
        if (list.SourceProblem is { } source) console.MarkupLine($"[red]{Markup.Escape(source)}[/]");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "Account", "State", "Schedule", "Next run", "Current run", "Last run", "Destination", "Problem" })
            table.AddColumn(column);
        foreach (var a in list.Accounts)
            table.AddRow(
                Markup.Escape(a.Name),
                State(a.State),
                Markup.Escape(a.Schedule ?? "-"),
                a.NextRun is { } next ? Time(next) : "-",
                Run(a.CurrentRun),
                Run(a.LastRun),
                Markup.Escape(a.Destination ?? "-"),
                a.Problem is { } problem ? $"[red]{Markup.Escape(problem)}[/]" : "");
        console.Write(table);
        console.MarkupLine("Details of one account: [bold]paystack-sync status --account NAME[/]");
    }

    private static void Print(AdminModels.Status status, IAnsiConsole console)
    {
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("[bold]Account[/]", Markup.Escape(status.Account));
        summary.AddRow("[bold]Schedule[/]", Markup.Escape(status.Schedule));
        summary.AddRow("[bold]Next run[/]", status.NextRun is { } next ? Time(next) : "-");
        summary.AddRow("[bold]Current run[/]", Run(status.CurrentRun));
        summary.AddRow("[bold]Last run[/]", Run(status.LastRun));
        summary.AddRow("[bold]Paused streams[/]", status.PausedStreams.Count == 0 ? "-" : Markup.Escape(string.Join(", ", status.PausedStreams)));
        summary.AddRow("[bold]Rate limiter[/]", Limiter(status.RateLimiter));
        if (status.Webhooks is { } webhooks) summary.AddRow("[bold]Webhooks[/]", Webhooks(webhooks));
        console.Write(summary);
        console.WriteLine();

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "Stream", "State", "Records", "Pages", "Windows", "In flight", "Requests", "Retries", "429s", "Cursor", "ETA", "Last error" })
            table.AddColumn(column);
        foreach (var s in status.Streams)
        {
            table.AddRow(
                Markup.Escape(s.Name),
                State(s.State),
                Number(s.Records),
                $"{Number(s.PagesDone)}/{Number(s.PagesPlanned)}",
                $"{Number(s.WindowsDone)}/{Number(s.WindowsPlanned)}",
                Number(s.PagesInFlight),
                Number(s.Requests),
                Number(s.Retries),
                Number(s.RateLimited),
                Markup.Escape(s.Cursor ?? "-"),
                s.EtaSeconds is { } eta ? Duration(eta) : "-",
                Markup.Escape(s.LastError ?? ""));
        }
        console.Write(table);
    }

    private static string Run(AdminModels.RunInfo? run) => run is null
        ? "-"
        : $"{State(run.State)} ({Markup.Escape(run.Reason)}) started {Time(run.StartedAt)}, {Duration(run.ElapsedSeconds)}, {Number(run.Records)} records"
          + (run.RunId is { } id ? $", id {Markup.Escape(id)}" : "")
          + (run.Error is { } error ? $"\n[red]{Markup.Escape(error)}[/]" : "");

    private static string Limiter(AdminModels.LimiterView? limiter) => limiter is null
        ? "(did not answer)"
        : $"{Number(limiter.Limit)} requests / {limiter.PeriodSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; {Number(limiter.Granted)} granted, " +
          $"{limiter.Waiting} waiting, {limiter.SlotsInUse} pages in flight, {Number(limiter.Throttled)} × 429, " +
          $"{Duration(limiter.TotalWaitSeconds)} waited in total" +
          (limiter.PausedUntil is { } until ? $", [yellow]paused until {Time(until)}[/]" : "");

    private static string Webhooks(Webhooks.WebhookStatusView w) =>
        $"{Number(w.Received)} received, {Number(w.Applied)} applied, {Number(w.Ignored)} ignored, {Number(w.Duplicates)} duplicates, " +
        $"{Number(w.Pending)} pending, {Number(w.Rejected.Values.Sum())} refused" +
        (w.LastLagSeconds is { } lag ? $"; last event to row {Duration(lag)}" : "") +
        (w.LastReconciledAt is { } reconciled
            ? $"; last reconciliation {Time(reconciled)}" + (w.ReconciledChanges is { } changes ? $", {Number(changes)} changes no webhook brought" : "")
            : "") +
        (w.LastError is { } error ? $"\n[red]{Markup.Escape(error)}[/]" : "");

    private static string State(string state) => state switch
    {
        "running" => "[blue]running[/]",
        "completed" or "succeeded" or "idle" => $"[green]{state}[/]",
        "failed" or "failing" or "invalid" => $"[red]{state}[/]",
        "paused" or "retrying" or "cancelled" or "skipped" or "starting" or "removing" => $"[yellow]{state}[/]",
        _ => Markup.Escape(state),
    };

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s"
            : $"{seconds.ToString("0.#", CultureInfo.InvariantCulture)}s";
    }
}
