using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Paystack.Host.Serve.Accounts;

/// <summary>
/// Reloads the accounts file on SIGHUP and whenever the file changes (written in place, replaced by a rename as editors
/// and configuration tools do, deleted and created again). Changes that come in a burst are read once, after a short
/// quiet spell, so a half-written file is not read as the new set.
/// </summary>
internal sealed class AccountsReloader(IAccountsTarget accounts, IAccountSource source, ILogger logger) : IHostedService, IDisposable
{
    /// <summary>How long the file must stay unchanged before it is read.</summary>
    public static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(300);

    private readonly ILogger _log = logger.ForContext("SourceContext", "Paystack.Serve");
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private PosixSignalRegistration? _hangUp;
    private FileSystemWatcher? _watcher;
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var file = source.WatchedFile!;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(file)!, Path.GetFileName(file))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Wake();
        _watcher.Created += (_, _) => Wake();
        _watcher.Renamed += (_, _) => Wake();
        _watcher.Deleted += (_, _) => Wake();
        _watcher.EnableRaisingEvents = true;
        if (!OperatingSystem.IsWindows())
            _hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
            {
                signal.Cancel = true; // SIGHUP would otherwise end the process
                _log.Information("SIGHUP: reloading the accounts file {File}", file);
                Wake();
            });
        if (HangUpSignal.Ignored())
            _log.Warning("SIGHUP is ignored by this process (it was started ignoring it, as nohup does), so kill -HUP does not reload {File}; " +
                         "changes to the file are still read. Start serve without nohup (systemd, a container, setsid) to reload on SIGHUP", file);
        _loop = ReloadLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private void Wake() => _wakeUp.Release();

    private async Task ReloadLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await _wakeUp.WaitAsync(stoppingToken);
                // A burst of events (an editor's write, a rename) is read once the file has been quiet for a spell.
                do await Task.Delay(QuietSpell, stoppingToken);
                while (DrainWakeUps() > 0);
                await ReloadAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private int DrainWakeUps()
    {
        var drained = 0;
        while (_wakeUp.Wait(0)) drained++;
        return drained;
    }

    private async Task ReloadAsync()
    {
        AccountsLoad load;
        try
        {
            load = source.Load();
        }
        catch (ArgumentException unreadable)
        {
            accounts.SourceFailed(unreadable.Message);
            return;
        }
        await accounts.ApplyAsync(load);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _hangUp?.Dispose();
        _watcher?.Dispose();
        await _stopping.CancelAsync();
        await _loop;
    }

    public void Dispose()
    {
        _hangUp?.Dispose();
        _watcher?.Dispose();
        _stopping.Dispose();
        _wakeUp.Dispose();
    }
}
