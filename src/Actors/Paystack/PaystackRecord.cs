namespace Paystack.Actors.Paystack;

/// <summary>
/// One record exactly as Paystack sent it. The engine reads only the primary key and the creation time;
/// everything else stays raw JSON text so that no field is lost or reshaped on the way to the destination.
/// </summary>
/// <param name="Id">The primary key's value as text (ids exceed Int32; text keeps composite and string keys possible).</param>
/// <param name="CreatedAt">The parsed creation time, when the record has one.</param>
/// <param name="CursorValue">The creation time exactly as written in the record, e.g. <c>2023-03-16T09:05:02.000Z</c>.</param>
/// <param name="Json">The record's raw JSON object.</param>
public sealed record PaystackRecord(string Id, DateTimeOffset? CreatedAt, string? CursorValue, string Json);
