using Xunit.Abstractions;
using Xunit.Sdk;

namespace Paystack.Actors.Tests.Destinations.Support;

/// <summary>A test case that skips when its class needs a server the environment does not provide.</summary>
public sealed class DestinationTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public DestinationTestCase()
    {
    }

    public DestinationTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var testClass = TestMethod.TestClass.Class.ToRuntimeType();
        if (testClass.IsDefined(typeof(RequiresPostgresAttribute), inherit: true) && PostgresTestEnvironment.SkipReason is { } reason)
        {
            return reason;
        }

        return base.GetSkipReason(factAttribute);
    }
}
