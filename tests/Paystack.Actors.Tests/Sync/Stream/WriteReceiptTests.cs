using Paystack.Actors.State;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync.Stream;

public sealed class WriteReceiptTests
{
    private static readonly TimeWindow Window = new(
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_receipt_gives_back_the_events_of_its_run()
    {
        IStreamEvent[] events =
        [
            new StreamEvents.PagesCompleted(Window, [1, 2], 2, 40, "2024-01-01T05:00:00.000Z", NextCursor: "abc"),
            new StreamEvents.WindowCompleted(Window),
        ];

        var decoded = WriteReceipt.Decode(WriteReceipt.Encode("run-1", events), "run-1");

        Assert.NotNull(decoded);
        Assert.Equal(2, decoded.Count);
        var pages = Assert.IsType<StreamEvents.PagesCompleted>(decoded[0]);
        Assert.Equal([1, 2], pages.Pages);
        Assert.Equal((Window, 2, 40L, "abc"), (pages.Window, pages.PageCount, pages.Records, pages.NextCursor));
        Assert.Equal(events[1], decoded[1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("""{"run":"run-1","events":[{"manifest":"from-the-future.v9","event":{}}]}""")]
    [InlineData("""{"run":"run-1"}""")]
    public void A_receipt_that_cannot_be_read_proves_nothing(string? receipt) =>
        Assert.Null(WriteReceipt.Decode(receipt, "run-1"));

    [Fact]
    public void Another_run_s_receipt_proves_nothing() =>
        Assert.Null(WriteReceipt.Decode(WriteReceipt.Encode("run-0", [new StreamEvents.WindowCompleted(Window)]), "run-1"));
}
