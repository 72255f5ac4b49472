namespace Paystack.Sandbox;

/// <summary>
/// Paystack's record shapes drift: new fields appear, and a field's type differs between endpoints and over time
/// (<c>meta.perPage</c> is a number on some endpoints, a string on others). Records of <paramref name="Path"/> created
/// at or after <paramref name="Since"/> are served in list answers with <paramref name="AddedField"/> (a number, the record's id
/// modulo 1000) that no schema declares, and with <paramref name="MistypedField"/>'s number sent as a string
/// (<c>"amount": "5000"</c>).
/// </summary>
public sealed record SchemaDrift(string Path, DateTimeOffset Since, string AddedField, string MistypedField);
