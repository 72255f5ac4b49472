using Paystack.Actors.State;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Tests.Sync;

internal static class OutcomeExtensions
{
    public static DateTimeOffset CursorInstant(this StreamOutcome outcome) =>
        CursorFormat.TryParse(outcome.Cursor, out var cursor) ? cursor : throw new InvalidOperationException($"{outcome.Stream} has no cursor");
}
