using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Generators;

/// <summary>Everything a generator may use for one record; fields are derived from <see cref="Random"/> only.</summary>
internal sealed class RecordContext
{
    public required int Seed { get; init; }
    public required long Index { get; init; }
    public required long Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>test</c> or <c>live</c>, after the key that asked.</summary>
    public required string Domain { get; init; }

    /// <summary>The merchant's integration id, fixed per dataset seed.</summary>
    public required long Integration { get; init; }

    public required RecordRandom Random { get; init; }

    /// <summary>Other resources, for nested objects that point at real records (a transaction's customer).</summary>
    public required DatasetLinks Links { get; init; }
}
