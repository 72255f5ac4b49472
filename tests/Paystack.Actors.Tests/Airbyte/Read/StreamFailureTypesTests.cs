using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Airbyte.Read;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Tests.Airbyte.Read;

public sealed class StreamFailureTypesTests
{
    private static StreamReports.Failed Failure(Exception? cause, bool transient = false) => new("customers", "reason", transient, cause);

    [Theory]
    [InlineData(PaystackErrorKind.Unauthorized, FailureType.ConfigError)]
    [InlineData(PaystackErrorKind.BadRequest, FailureType.ConfigError)]
    [InlineData(PaystackErrorKind.Transient, FailureType.TransientError)]
    [InlineData(PaystackErrorKind.Unreachable, FailureType.TransientError)]
    [InlineData(PaystackErrorKind.InvalidResponse, FailureType.TransientError)]
    [InlineData(PaystackErrorKind.NotFound, FailureType.SystemError)]
    public void Paystack_failures_by_kind(PaystackErrorKind kind, FailureType expected) =>
        Assert.Equal(expected, StreamFailureTypes.Classify(Failure(new PaystackApiException(kind, "failed"))));

    [Fact]
    public void Other_failures_by_whether_they_may_pass()
    {
        Assert.Equal(FailureType.TransientError, StreamFailureTypes.Classify(Failure(new IOException("disk"), transient: true)));
        Assert.Equal(FailureType.SystemError, StreamFailureTypes.Classify(Failure(new InvalidOperationException("bug"))));
        Assert.Equal(FailureType.SystemError, StreamFailureTypes.Classify(null));
    }
}
