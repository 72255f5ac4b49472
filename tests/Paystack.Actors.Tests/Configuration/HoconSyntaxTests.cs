using Paystack.Actors.Configuration;

namespace Paystack.Actors.Tests.Configuration;

/// <summary>What Akka's HOCON parser lets through and <see cref="HoconSyntax"/> catches, with the line to look at.</summary>
public sealed class HoconSyntaxTests
{
    [Theory]
    [InlineData("paystack-sync.engine {\n  page-size = 50\n", "'{' at line 1, column 22 is never closed")]
    [InlineData("paystack-sync {\n  engine { page-size = 50\n}\n", "'{' at line 1, column 15 is never closed")]
    [InlineData("paystack-sync.engine.page-size = 50\n}\n", "'}' at line 2, column 1 closes nothing")]
    [InlineData("akka.loggers = [\"a\"\n", "'[' at line 1, column 16 is never closed")]
    [InlineData("a { b = [1, 2 }\n", "'}' at line 1, column 15 does not close the '[' at line 1, column 9")]
    [InlineData("a = \"open\nb = 1\n", "the string at line 1, column 5 is not closed on its line")]
    [InlineData("a = \"\"\"open\n", "the \"\"\" string at line 1, column 5 is never closed")]
    public void Names_the_first_mistake_and_where_it_is(string text, string expected) =>
        Assert.Equal(expected, HoconSyntax.FirstProblem(text));

    [Theory]
    [InlineData("paystack-sync { engine { page-size = 50 } }")]
    [InlineData("# a comment with a { brace\na = 1 // and } another\n")]
    [InlineData("a = \"a { quoted \\\" brace\"\n")]
    [InlineData("a = \"\"\"spans {\nlines\"\"\"\nb = [1, 2]\n")]
    [InlineData("a = \"\"\"ends in a quote\"\"\"\"\n")]
    [InlineData("a = 1\nb = ${a}\nc = ${?HOME}\n")]
    public void Accepts_balanced_text(string text) => Assert.Null(HoconSyntax.FirstProblem(text));

    [Fact]
    public void The_shipped_defaults_are_balanced() => Assert.Null(HoconSyntax.FirstProblem(EmbeddedDefaults.Text));

    [Fact]
    public void An_unclosed_brace_stops_loading_naming_the_origin_and_line()
    {
        var error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.FromHocon("paystack-sync.engine {\n  page-size = 50\n"));

        Assert.Equal("Invalid configuration: the given HOCON is not valid HOCON: '{' at line 1, column 22 is never closed", error.Message);
    }
}
