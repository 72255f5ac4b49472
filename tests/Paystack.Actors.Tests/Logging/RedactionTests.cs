using Paystack.Actors.Logging;
using Serilog;
using Serilog.Events;

namespace Paystack.Actors.Tests.Logging;

public sealed class RedactionTests
{
    private const string Key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
    private const string Secret = "4eC39HqLyjWDarjtT1zdp7dc";

    [Fact]
    public void A_key_in_the_message_template_is_masked()
    {
        var (logger, output) = Capture();
        logger.Information("Using key " + Key + " for {Stream}", "customers");

        var text = output.ToString();
        Assert.DoesNotContain(Secret, text);
        Assert.Contains("Using key sk_test_*** for customers", text);
    }

    [Fact]
    public void A_key_in_property_values_is_masked_at_any_depth()
    {
        var (logger, output) = Capture();
        logger.Information("Request {Url} {Headers} {@Options} {Keys} {Plain}",
            new Uri($"https://api.paystack.co/customer?key={Key}"),
            new Dictionary<string, string> { ["Authorization"] = $"Bearer {Key}", [Key] = "as a key" },
            new { Name = "client", Nested = new { SecretKey = Key } },
            new[] { "rk_live_abcdef0123456789", "fine" },
            Key);

        var text = output.ToString();
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain("abcdef0123456789", text);
        Assert.Contains("rk_live_***", text);
        Assert.Contains("fine", text);
        Assert.Contains("Bearer ***", text);
    }

    [Fact]
    public void A_key_in_an_exception_and_its_inner_exceptions_is_masked()
    {
        var (logger, output) = Capture();
        var error = Thrown(() => throw new InvalidOperationException($"outer failure with {Key}",
            new HttpRequestException($"inner failure, Authorization: Bearer {Secret}",
                new ArgumentException($"innermost key={Key}"))));

        logger.Error(error, "Page fetch failed");

        var text = output.ToString();
        Assert.DoesNotContain(Secret, text);
        Assert.Contains("System.InvalidOperationException: outer failure with sk_test_***", text);
        Assert.Contains("System.Net.Http.HttpRequestException: inner failure, Authorization: Bearer ***", text);
        Assert.Contains("innermost key=sk_test_***", text);
        Assert.Contains(nameof(Thrown), text); // the stack trace survives
    }

    [Fact]
    public void An_exception_without_secrets_is_passed_through_unchanged()
    {
        var events = new List<LogEvent>();
        var redactor = new SecretRedactor();
        var sink = new RedactingSink(new ListSink(events), redactor);
        using var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        var error = new TimeoutException("slow");

        logger.Error(error, "nothing secret");

        Assert.Same(error, Assert.Single(events).Exception);
    }

    [Fact]
    public void A_registered_secret_of_any_shape_is_masked()
    {
        var redactor = new SecretRedactor();
        var (logger, output) = Capture(new LogOptions { Redactor = redactor });
        redactor.Register("custom-opaque-credential");
        redactor.Register("abc"); // too short to be masked safely: ignored

        logger.Warning("Credential custom-opaque-credential for {Who}, abc stays", "custom-opaque-credential");

        var text = output.ToString();
        Assert.DoesNotContain("custom-opaque-credential", text);
        Assert.Contains("Credential *** for ***, abc stays", text);
    }

    [Fact]
    public void The_minimum_level_filters_events()
    {
        var (logger, output) = Capture(new LogOptions { MinimumLevel = LogEventLevel.Warning });
        logger.Information("hidden");
        logger.Warning("shown");

        Assert.DoesNotContain("hidden", output.ToString());
        Assert.Contains("[WRN] shown", output.ToString());
    }

    [Theory]
    [InlineData("debug", LogEventLevel.Debug)]
    [InlineData("INFO", LogEventLevel.Information)]
    [InlineData("Information", LogEventLevel.Information)]
    [InlineData("warn", LogEventLevel.Warning)]
    [InlineData("error", LogEventLevel.Error)]
    public void Level_names_parse(string text, LogEventLevel expected)
    {
        Assert.True(PaystackLogging.TryParseLevel(text, out var level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("3")]
    [InlineData(null)]
    public void Unknown_level_names_are_rejected(string? text) => Assert.False(PaystackLogging.TryParseLevel(text, out _));

    private static (ILogger Logger, StringWriter Output) Capture(LogOptions? options = null)
    {
        var output = new StringWriter();
        var logger = PaystackLogging.CreateLogger((options ?? new LogOptions()) with { Output = output });
        return (logger, output);
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception error)
        {
            return error;
        }
        throw new InvalidOperationException("expected an exception");
    }
}
