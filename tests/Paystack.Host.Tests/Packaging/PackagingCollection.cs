namespace Paystack.Host.Tests.Packaging;

/// <summary>The tests that pack or publish the Host share one set of builds and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackagedBuilds>
{
    public const string Name = "Packaging";

    /// <summary>The trait of the tests that pack or publish (minutes, not seconds): <c>--filter Category!=Packaging</c> skips them.</summary>
    public const string SlowCategory = "Packaging";
}
