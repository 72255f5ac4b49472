using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Paystack;

public sealed class BaseUrlPolicyTests
{
    [Theory]
    [InlineData("https://api.paystack.co", "https://api.paystack.co/")]
    [InlineData("https://proxy.example.com/paystack", "https://proxy.example.com/paystack/")]
    [InlineData("http://127.0.0.1:5123/", "http://127.0.0.1:5123/")]
    [InlineData("http://127.9.9.9:80/", "http://127.9.9.9/")]
    [InlineData("http://localhost:8080", "http://localhost:8080/")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080/")]
    public void Https_and_loopback_http_are_accepted(string url, string expected) =>
        Assert.Equal(expected, BaseUrlPolicy.Validate(new Uri(url)).AbsoluteUri);

    [Theory]
    [InlineData("http://api.paystack.co/")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("http://localhost.example.com/")]
    public void Plain_http_to_another_host_is_refused_at_construction_naming_the_url(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PaystackClient(PaystackClientOptions.Default("sk_test_secret_value", new Uri(url))));
        Assert.Contains(url, ex.Message);
        Assert.Contains("https", ex.Message);
        Assert.DoesNotContain("sk_test_secret_value", ex.Message);
    }

    [Fact]
    public void Other_schemes_are_refused() =>
        Assert.Throws<ArgumentException>(() => BaseUrlPolicy.Validate(new Uri("ftp://127.0.0.1/")));
}
