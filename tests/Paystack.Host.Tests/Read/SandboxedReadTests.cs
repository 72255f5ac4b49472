using Paystack.Sandbox;

namespace Paystack.Host.Tests.Read;

/// <summary>
/// A test class with its own sandbox on loopback (one per test, as xunit makes one instance per test) and a temp folder
/// for the config, catalog and state files <c>read</c> takes; both are gone afterwards.
/// </summary>
public abstract class SandboxedReadTests(SandboxOptions options) : IAsyncLifetime, IDisposable
{
    protected ReadFiles Files { get; } = new();

    protected SandboxServer Sandbox { get; private set; } = null!;

    protected string Key => Sandbox.Options.TestKey;

    public async Task InitializeAsync() => Sandbox = await SandboxServer.StartAsync(options);

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    public void Dispose() => Files.Dispose();
}
