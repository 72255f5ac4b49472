using System.Net;
using System.Net.Sockets;

namespace Paystack.Actors.Tests.Cluster;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a server whose client-to-server bytes take <see cref="Delay"/> to get through, as on
/// a slow link or from a stalled process: a request reaches the server that long after it was sent. Answers come back at
/// once. Bytes keep their order within a connection, so a shorter delay set later never overtakes earlier bytes.
/// </summary>
internal sealed class SlowLinkProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _delayTicks;
    private int _held;

    private SlowLinkProxy(Uri server)
    {
        _server = new IPEndPoint(IPAddress.Loopback, server.Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address with <paramref name="server"/>'s path: give it to clients instead of the server's.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How long bytes sent from now on take to reach the server.</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>Chunks of requests read from clients and not yet passed on: requests on their way.</summary>
    public int Held => Volatile.Read(ref _held);

    public static SlowLinkProxy Start(Uri server)
    {
        var proxy = new SlowLinkProxy(server);
        proxy.Url = new UriBuilder(server) { Port = ((IPEndPoint)proxy._listener.LocalEndpoint).Port }.Uri;
        return proxy;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_server, _stop.Token);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), delayed: true, connection.Token);
            var down = PumpAsync(server.GetStream(), client.GetStream(), delayed: false, connection.Token);
            await Task.WhenAny(up, down);
            await connection.CancelAsync(); // one side closed: close the other
            await Task.WhenAll(up, down);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // the server went away or the proxy stops: the client sees its connection close
        }
    }

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/>; when delayed, each chunk goes <see cref="Delay"/> after it was read.</summary>
    private async Task PumpAsync(Stream from, Stream to, bool delayed, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var due = DateTimeOffset.MinValue;
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, cancellationToken);
                if (read == 0) return;
                if (!delayed)
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    continue;
                }
                Interlocked.Increment(ref _held);
                try
                {
                    var at = DateTimeOffset.UtcNow + Delay;
                    due = at > due ? at : due;
                    var wait = due - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
                    await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _held);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // a side closed
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
