using Paystack.Actors.Destinations.Typing;

namespace Paystack.Actors.Tests.Destinations.Typing;

public sealed class ColumnNamesTests
{
    [Theory]
    [InlineData("createdAt", "created_at")]
    [InlineData("created_at", "created_at")]
    [InlineData("paidAt", "paid_at")]
    [InlineData("isDeleted", "is_deleted")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("settlement_createdAt", "settlement_created_at")]
    [InlineData("per-page", "per_page")]
    [InlineData("3ds", "_3ds")]
    [InlineData("record", "record_field")]
    [InlineData("_meta", "_meta_field")]
    [InlineData("_synced_at", "_synced_at_field")]
    [InlineData("ID", "id_field")]
    public void A_field_maps_to_its_snake_case_column(string field, string column) =>
        Assert.Equal(column, ColumnNames.For(field, keyField: "id"));

    [Fact]
    public void The_key_field_is_the_id_column_and_a_name_without_letters_or_digits_has_none()
    {
        Assert.Null(ColumnNames.For("id", keyField: "id"));
        Assert.Equal("id_field", ColumnNames.For("id", keyField: "currency"));
        Assert.Null(ColumnNames.For("--", keyField: "id"));
    }

    [Fact]
    public void A_long_name_is_cut_to_fit_postgresql_identifiers()
    {
        var column = ColumnNames.For(new string('a', 100), keyField: "id")!;
        Assert.Equal(ColumnNames.MaxLength, column.Length);
        Assert.True(column.Length + "_field".Length <= 63);
    }
}
