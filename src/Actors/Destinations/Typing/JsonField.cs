namespace Paystack.Actors.Destinations.Typing;

/// <summary>A JSON column's value given as the record field that holds it (see <see cref="RecordTyper"/>'s jsonByField).</summary>
internal sealed record JsonField(string Name);
