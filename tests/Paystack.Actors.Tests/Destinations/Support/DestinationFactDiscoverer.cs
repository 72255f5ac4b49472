using Xunit.Abstractions;
using Xunit.Sdk;

namespace Paystack.Actors.Tests.Destinations.Support;

/// <summary>Creates <see cref="DestinationTestCase"/>s for <see cref="DestinationFactAttribute"/>.</summary>
public sealed class DestinationFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new DestinationTestCase(
            DiagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod);
}
