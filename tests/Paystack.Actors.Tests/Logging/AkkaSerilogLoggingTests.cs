using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Paystack.Actors.Logging;
using Serilog;
using Serilog.Events;

namespace Paystack.Actors.Tests.Logging;

/// <summary>Serilog's static Log.Logger is process-wide: tests that set it must not run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalSerilogCollection
{
    public const string Name = "global Serilog logger";
}

[Collection(GlobalSerilogCollection.Name)]
public sealed class AkkaSerilogLoggingTests
{
    [Fact]
    public void The_fragment_names_the_serilog_logger_and_keeps_stdout_quiet()
    {
        var config = AkkaSerilogLogging.Config(LogEventLevel.Debug);

        Assert.Equal(["Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog"], config.GetStringList("akka.loggers"));
        Assert.Equal("DEBUG", config.GetString("akka.loglevel"));
        Assert.Equal("OFF", config.GetString("akka.stdout-loglevel"));
        Assert.DoesNotContain("formatter", AkkaSerilogLogging.Hocon(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Actor_logs_reach_serilog_with_keys_masked()
    {
        var output = new LockedStringWriter();
        var previous = Log.Logger;
        using var logger = PaystackLogging.CreateLogger(new LogOptions { Output = output, MinimumLevel = LogEventLevel.Debug });
        PaystackLogging.UseAsGlobal(logger);
        try
        {
            using var system = ActorSystem.Create("logging-test", AkkaSerilogLogging.Config(LogEventLevel.Debug));
            var actor = system.ActorOf(Props.Create(() => new KeyLoggingActor()), "fetcher");

            await actor.Ask<Done>("sk_live_TopSecret0123456789", TimeSpan.FromSeconds(5));
            var text = await WaitFor(output, "configured with");

            Assert.Contains("configured with sk_live_***", text);
            Assert.DoesNotContain("TopSecret0123456789", text);
            await system.Terminate();
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
