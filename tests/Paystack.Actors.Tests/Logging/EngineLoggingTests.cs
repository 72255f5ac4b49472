using Akka;
using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Hosting;
using Paystack.Actors.Logging;
using Paystack.Actors.Paystack;
using Paystack.Actors.Tests.Sync;
using Serilog;
using Serilog.Events;

namespace Paystack.Actors.Tests.Logging;

/// <summary>Serilog's static Log.Logger is process-wide: tests that set it must not run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalSerilogCollection
{
    public const string Name = "global Serilog logger";
}

/// <summary>The actor system's logging as <c>WithEngineLogging</c> sets it: to Serilog, nothing on stdout.</summary>
[Collection(GlobalSerilogCollection.Name)]
public sealed class EngineLoggingTests
{
    private static EngineSystemOptions Options(LogEventLevel? level) =>
        new(TestSettings.Create(), (options, gate) => new PaystackClient(options, gate))
        {
            SystemName = "logging-test",
            InMemoryJournal = true,
            SerilogLevel = level,
        };

    [Fact]
    public async Task The_system_logs_to_serilog_at_the_level_asked_and_keeps_stdout_quiet()
    {
        await using var host = await EngineHost.StartAsync(Options(LogEventLevel.Debug));
        var config = host.System.Settings.Config;

        Assert.Equal(typeof(Akka.Logger.Serilog.SerilogLogger), Type.GetType(Assert.Single(config.GetStringList("akka.loggers"))));
        Assert.Equal(Akka.Event.LogLevel.DebugLevel, host.System.EventStream.LogLevel);
        Assert.Equal("OFF", config.GetString("akka.stdout-loglevel"));
    }

    [Theory]
    [InlineData(LogEventLevel.Verbose, Akka.Event.LogLevel.DebugLevel)]
    [InlineData(LogEventLevel.Information, Akka.Event.LogLevel.InfoLevel)]
    [InlineData(LogEventLevel.Warning, Akka.Event.LogLevel.WarningLevel)]
    [InlineData(LogEventLevel.Fatal, Akka.Event.LogLevel.ErrorLevel)]
    public void Serilog_levels_map_to_akkas_four(LogEventLevel serilog, Akka.Event.LogLevel akka) =>
        Assert.Equal(akka, EngineLoggingBuilderExtensions.AkkaLevel(serilog));

    [Fact]
    public async Task Actor_logs_reach_serilog_with_keys_masked()
    {
        var output = new LockedStringWriter();
        var previous = Log.Logger;
        using var logger = PaystackLogging.CreateLogger(new LogOptions { Output = output, MinimumLevel = LogEventLevel.Debug });
        PaystackLogging.UseAsGlobal(logger);
        try
        {
            await using var host = await EngineHost.StartAsync(Options(LogEventLevel.Debug));
            var actor = host.System.ActorOf(Props.Create(() => new KeyLoggingActor()), "fetcher");

            await actor.Ask<Done>("sk_live_TopSecret0123456789", TimeSpan.FromSeconds(5));
            var text = await WaitFor(output, "configured with");

            Assert.Contains("configured with sk_live_***", text);
            Assert.DoesNotContain("TopSecret0123456789", text);
        }
        finally
        {
            Log.Logger = previous;
        }
    }

    private static async Task<string> WaitFor(LockedStringWriter output, string fragment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var text = output.ToString();
            if (text.Contains(fragment, StringComparison.Ordinal))
                return text;
            await Task.Delay(20);
        }
        return output.ToString();
    }

    private sealed class KeyLoggingActor : ReceiveActor
    {
        public KeyLoggingActor()
        {
            var log = Context.GetLogger();
            Receive<string>(key =>
            {
                log.Info("Fetcher configured with {0}", key);
                Sender.Tell(Done.Instance);
            });
        }
    }
}
