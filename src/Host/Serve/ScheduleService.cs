using Microsoft.Extensions.Hosting;
using Paystack.Host.Serve.Accounts;

namespace Paystack.Host.Serve;

/// <summary>Starts every account's schedule with the host, and on the way down cancels the runs going (the journal keeps them).</summary>
internal sealed class ScheduleService(ServeAccounts accounts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        accounts.BeginSchedules();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => accounts.StopAsync();
}
