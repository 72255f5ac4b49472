namespace Paystack.Sandbox.Tests;

public class DeterminismTests
{
    private static async Task<string> Body(int seed, string query)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Seed = seed, RecordsPerStream = 500 });
        using var client = new SandboxClient(server);
        return (await client.GetAsync(query)).Text;
    }

    [Theory]
    [InlineData("transaction?page=3&perPage=40")]
    [InlineData("subscription?perPage=10&from=2024-01-01")]
    [InlineData("dispute?page=2")]
    [InlineData("transferrecipient?page=2&perPage=30")]
    [InlineData("terminal?per_page=30")]
    [InlineData("directdebit/mandate-authorizations?per_page=30&status=active")]
    public async Task Same_seed_gives_the_same_bytes_and_another_seed_does_not(string query)
    {
        var first = await Body(1234, query);
        Assert.Equal(first, await Body(1234, query));
        Assert.NotEqual(first, await Body(4321, query));
    }
}
