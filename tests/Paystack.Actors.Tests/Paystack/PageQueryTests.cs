using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Paystack;

public sealed class PageQueryTests
{
    private static readonly StreamDefinition Transactions = StreamCatalog.Get("transactions");

    [Fact]
    public void Offset_query_has_perPage_page_and_utc_times_with_milliseconds()
    {
        var from = new DateTimeOffset(2024, 3, 1, 2, 30, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2024, 4, 1, 0, 0, 0, 123, TimeSpan.Zero);
        Assert.Equal(
            "transaction?perPage=100&page=3&from=2024-03-01T00%3A30%3A00.000Z&to=2024-04-01T00%3A00%3A00.123Z",
            PageQuery.Build(new PageRequest(Transactions, 3, 100, from, to)));
    }

    [Fact]
    public void Cursor_query_sends_use_cursor_and_the_escaped_token_instead_of_a_page()
    {
        Assert.Equal("transaction?perPage=50&use_cursor=true", PageQuery.Build(new PageRequest(Transactions, 1, 50, UseCursor: true)));
        Assert.Equal(
            "transaction?perPage=50&use_cursor=true&next=dW5kZWZpbmVkOjQwOTczNTgxNTg%3D",
            PageQuery.Build(new PageRequest(Transactions, 7, 50, UseCursor: true, Cursor: "dW5kZWZpbmVkOjQwOTczNTgxNTg=")));
    }

    [Fact]
    public void Bad_page_numbers_and_sizes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PageQuery.Build(new PageRequest(Transactions, 0, 50)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageQuery.Build(new PageRequest(Transactions, 1, 0)));
    }
}
