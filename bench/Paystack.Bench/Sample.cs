namespace Paystack.Bench;

/// <summary>Durable records at one moment of a run.</summary>
public readonly record struct Sample(TimeSpan Elapsed, long Records);
