namespace Paystack.Actors.Tests.Destinations.Support;

/// <summary>Marks a test class whose <see cref="DestinationFactAttribute"/> tests need a PostgreSQL server.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;
