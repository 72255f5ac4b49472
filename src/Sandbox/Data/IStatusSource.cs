namespace Paystack.Sandbox.Data;

/// <summary>A generator whose records carry a <c>status</c> that can be computed alone, so lists can filter on it cheaply.</summary>
internal interface IStatusSource
{
    /// <summary>Every status a record can have, as the endpoint's <c>status</c> filter accepts them.</summary>
    IReadOnlyList<string> Statuses { get; }

    string StatusOf(int seed, long index);
}
