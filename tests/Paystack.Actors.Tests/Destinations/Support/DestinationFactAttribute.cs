using Xunit.Sdk;

namespace Paystack.Actors.Tests.Destinations.Support;

/// <summary>
/// A fact declared once in a shared base class and run for each destination class deriving from it. Whether it skips
/// depends on the deriving class (see <see cref="RequiresPostgresAttribute"/>), which a plain Skip cannot express.
/// </summary>
[XunitTestCaseDiscoverer("Paystack.Actors.Tests.Destinations.Support.DestinationFactDiscoverer", "Paystack.Actors.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DestinationFactAttribute : FactAttribute;
