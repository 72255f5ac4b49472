using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Serve;

/// <summary>
/// Under systemd (Type=notify) serve tells the manager it is ready on NOTIFY_SOCKET once its admin endpoint listens.
/// The .NET host believes it runs under systemd when its parent process is named systemd, so the test starts serve
/// from a copy of /bin/sh of that name, and listens on the notify socket as systemd would.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class SystemdNotifyTests
{
    [SkippableFact]
    [SupportedOSPlatform("linux")]
    public async Task Serve_sends_ready_on_the_notify_socket_once_its_admin_endpoint_answers()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/bin/sh"), "systemd notification is a Linux matter, tested with /bin/sh.");
        await using var environment = await ServeEnvironment.StartAsync();
        var shell = Path.Combine(environment.Folder, "systemd");
        File.Copy("/bin/sh", shell);
        File.SetUnixFileMode(shell, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var socketPath = Path.Combine(environment.Folder, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var port = ServeEnvironment.FreePort();

        var start = new ProcessStartInfo(shell) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        // A command after serve keeps the shell alive as serve's parent instead of exec-ing into it.
        start.ArgumentList.Add("dotnet \"$@\"; status=$?; exit $status");
        start.ArgumentList.Add("systemd");
        start.ArgumentList.Add(CliRunner.ExecutablePath);
        foreach (var arg in environment.ServeArguments(port, "--no-run-at-start")) start.ArgumentList.Add(arg);
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["PAYSTACK_SECRET_KEY"] = null;
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var buffer = new byte[512];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var message = Encoding.UTF8.GetString(buffer, 0, received);

            Assert.Contains("READY=1", message);
            using var client = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{port}/"), token: null);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz/live")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
