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

    [Fact]
    public void Cursor_only_endpoints_get_their_own_parameter_names_and_no_page_or_flag()
    {
        var terminals = StreamCatalog.Get("terminals");
        var mandates = StreamCatalog.Get("direct_debit_mandates");

        Assert.Equal("terminal?per_page=100", PageQuery.Build(new PageRequest(terminals, 1, 100)));
        Assert.Equal("terminal?per_page=100&next=dGVybWluYWw6OQ%3D%3D", PageQuery.Build(new PageRequest(terminals, 2, 100, Cursor: "dGVybWluYWw6OQ==")));
        Assert.Equal("directdebit/mandate-authorizations?per_page=20&cursor=abc", PageQuery.Build(new PageRequest(mandates, 4, 20, Cursor: "abc")));
    }

    [Fact]
    public void Unpaged_endpoints_get_no_paging_parameters()
    {
        Assert.Equal("balance", PageQuery.Build(new PageRequest(StreamCatalog.Get("balances"), 1, 100)));
        Assert.Equal("country", PageQuery.Build(new PageRequest(StreamCatalog.Get("countries"), 1, 100)));
    }

    [Fact]
    public void A_child_path_names_its_parent_and_needs_one()
    {
        var children = StreamCatalog.Get("settlement_transactions");

        Assert.Equal("settlement/4600000012/transactions?perPage=100&page=2",
            PageQuery.Build(new PageRequest(children, 2, 100, ParentId: "4600000012")));
        var error = Assert.Throws<ArgumentException>(() => PageQuery.Build(new PageRequest(children, 1, 100)));
        Assert.Contains("parent", error.Message);
    }

    [Fact]
    public void Cursor_paging_is_refused_where_the_endpoint_has_none()
    {
        var error = Assert.Throws<ArgumentException>(() => PageQuery.Build(new PageRequest(StreamCatalog.Get("refunds"), 1, 50, UseCursor: true)));
        Assert.Contains("refunds", error.Message);
    }
}
