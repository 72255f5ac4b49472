using Paystack.Actors.Airbyte.Check;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Airbyte;

public sealed class ConnectionCheckTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 2 });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private async Task<AirbyteConnectionStatus> CheckAsync(string key, DateTimeOffset? startDate = null)
    {
        var config = new SourceConfig(key, startDate ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), 0, _sandbox.BaseUrl);
        var options = PaystackClientOptions.Default(key, _sandbox.BaseUrl) with { MaxRetries = 0 };
        using var client = new PaystackClient(options);
        return await new ConnectionCheck(client).RunAsync(config, CancellationToken.None);
    }

    [Fact]
    public async Task Succeeds_with_an_accepted_key_and_asks_for_one_customer_since_start_date()
    {
        var status = await CheckAsync(_sandbox.Options.TestKey);

        Assert.Equal(ConnectionStatus.Succeeded, status.Status);
        Assert.Null(status.Message);
        var request = Assert.Single(_sandbox.Requests.Entries);
        Assert.Equal("customer", request.Path);
        Assert.Contains("perPage=1", request.QueryString);
        Assert.Contains("from=2020-01-01", request.QueryString);
    }

    [Fact]
    public async Task Succeeds_when_nothing_was_created_since_start_date()
    {
        var status = await CheckAsync(_sandbox.Options.LiveKey, new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(ConnectionStatus.Succeeded, status.Status);
    }

    [Fact]
    public async Task Fails_with_a_rejected_key_and_says_so_without_the_key()
    {
        var status = await CheckAsync("sk_test_notthekey42");

        Assert.Equal(ConnectionStatus.Failed, status.Status);
        Assert.StartsWith("Paystack rejected the secret key (HTTP 401)", status.Message);
        Assert.DoesNotContain("notthekey42", status.Message);
    }
}
