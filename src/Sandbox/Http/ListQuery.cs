using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Paystack.Sandbox.Generators;

namespace Paystack.Sandbox.Http;

/// <summary>The paging and filter parameters of a list request, validated; <see cref="Error"/> names the first bad one.</summary>
internal sealed class ListQuery
{
    public int Page { get; private init; } = 1;
    public int PerPage { get; private init; }
    /// <summary>The page size meta names: <see cref="PerPage"/>, or the size asked for where clamping is hidden.</summary>
    public int EchoedPerPage { get; private init; }
    public DateTimeOffset? From { get; private init; }
    public DateTimeOffset? To { get; private init; }
    public bool UseCursor { get; private init; }
    public long? NextId { get; private init; }
    public long? PreviousId { get; private init; }
    /// <summary>The <c>status</c> filter of an endpoint that takes one, or null.</summary>
    public string? Status { get; private init; }
    public string? Error { get; private init; }

    public static ListQuery Parse(IQueryCollection query, SandboxOptions options, Paging paging)
    {
        var cursorOnly = paging is Paging.CursorNextPrevious or Paging.CursorForward;
        var page = 1;
        if (!cursorOnly && Value(query, "page") is { } pageText
            && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
            return Fail($"Invalid page '{pageText}': page must be a whole number from 1");

        // The cursor-only endpoints document per_page alone; a client sending perPage there gets the default size.
        var perPage = options.DefaultPageSize;
        var sizeName = cursorOnly ? "per_page" : "perPage";
        if ((cursorOnly ? Value(query, "per_page") : Value(query, "perPage") ?? Value(query, "per_page")) is { } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage < 1))
            return Fail($"Invalid {sizeName} '{sizeText}': {sizeName} must be a whole number from 1");
        var echoedPerPage = options.OversizedPage == OversizedPage.ClampHidden ? perPage : Math.Min(perPage, options.MaxPageSize);
        if (perPage > options.MaxPageSize && options.OversizedPage == OversizedPage.Refuse)
            return Fail($"Invalid {sizeName} '{perPage}': {sizeName} must be at most {options.MaxPageSize}");
        perPage = Math.Min(perPage, options.MaxPageSize);

        DateTimeOffset? from = null, to = null;
        if (Value(query, "from") is { } fromText)
        {
            if (!TryParseDate(fromText, out var parsed)) return Fail(DateError("from", fromText));
            from = parsed;
        }
        if (Value(query, "to") is { } toText)
        {
            if (!TryParseDate(toText, out var parsed)) return Fail(DateError("to", toText));
            to = parsed;
        }

        var useCursor = cursorOnly
                        || (paging == Paging.OffsetOrCursor && string.Equals(Value(query, "use_cursor"), "true", StringComparison.OrdinalIgnoreCase));
        var nextName = paging == Paging.CursorForward ? "cursor" : "next"; // the forward-only style names its token "cursor"
        long? next = null, previous = null;
        if (paging != Paging.Offset && Value(query, nextName) is { } nextText)
        {
            if (!TryReadCursor(nextText, out var id)) return Fail($"Invalid cursor '{nextText}' in {nextName}");
            next = id;
            useCursor = true;
        }
        var takesPrevious = paging is Paging.OffsetOrCursor or Paging.CursorNextPrevious;
        if (takesPrevious && Value(query, "previous") is { } previousText && previousText != "null")
        {
            if (!TryReadCursor(previousText, out var id)) return Fail($"Invalid cursor '{previousText}' in previous");
            previous = id;
            useCursor = true;
        }

        return new ListQuery
        {
            Page = page, PerPage = perPage, EchoedPerPage = echoedPerPage, From = from, To = to, UseCursor = useCursor, NextId = next, PreviousId = previous,
            Status = paging == Paging.CursorForward ? Value(query, "status") : null,
        };
    }

    /// <summary>A cursor token like Paystack's: base64 of "&lt;prefix&gt;:&lt;record id&gt;".</summary>
    public static string MakeCursor(string prefix, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix + ":" + id.ToString(CultureInfo.InvariantCulture)));

    private static bool TryReadCursor(string token, out long id)
    {
        id = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var colon = text.LastIndexOf(':');
            return colon >= 0 && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>ISO 8601 date-time (offset or Z; none means UTC) or a plain date, which means midnight UTC.</summary>
    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
        || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
           && text.Length >= 10 && char.IsAsciiDigit(text[0]);

    private static string DateError(string name, string text) =>
        $"Invalid '{name}' date '{text}'. Pass a date in ISO 8601 format, e.g. 2016-09-24T00:00:05.000Z or 2016-09-24";

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static ListQuery Fail(string message) => new() { Error = message };
}
