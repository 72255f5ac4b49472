using System.Globalization;
using System.Text;

namespace Paystack.Actors.Paystack;

/// <summary>Turns a <see cref="PageRequest"/> into the relative URL of its list endpoint, in the endpoint's own parameter names.</summary>
internal static class PageQuery
{
    /// <summary>The format Paystack documents for <c>from</c>/<c>to</c>: ISO 8601 in UTC with milliseconds.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private const string ParentPlaceholder = "{id}";

    public static string Build(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var paging = request.Stream.Paging;
        var query = new StringBuilder(Path(request), 128);
        var separator = '?';
        void Append(string name, string value)
        {
            query.Append(separator).Append(name).Append('=').Append(value);
            separator = '&';
        }

        if (paging.Kind != PagingKind.None)
        {
            if (request.PerPage <= 0)
                throw new ArgumentOutOfRangeException(nameof(request), request.PerPage, "perPage must be at least 1.");
            Append(paging.PageSizeParameter, request.PerPage.ToString(CultureInfo.InvariantCulture));
        }

        if (request.UseCursor || paging.Kind == PagingKind.Cursor)
        {
            if (!paging.SupportsCursor)
                throw new ArgumentException($"The stream '{request.Stream.Name}' does not support cursor paging.", nameof(request));
            if (paging.Kind == PagingKind.PageNumbersOrCursor) Append("use_cursor", "true");
            if (!string.IsNullOrEmpty(request.Cursor)) Append(paging.CursorParameter, Uri.EscapeDataString(request.Cursor));
        }
        else if (paging.Kind != PagingKind.None)
        {
            if (request.Page < 1)
                throw new ArgumentOutOfRangeException(nameof(request), request.Page, "Pages are numbered from 1.");
            Append("page", request.Page.ToString(CultureInfo.InvariantCulture));
        }

        if (request.From is { } from) Append("from", Uri.EscapeDataString(FormatTime(from)));
        if (request.To is { } to) Append("to", Uri.EscapeDataString(FormatTime(to)));
        return query.ToString();
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A child stream's path names its parent: <c>settlement/{id}/transactions</c>.</summary>
    private static string Path(PageRequest request)
    {
        var path = request.Stream.Path;
        if (!path.Contains(ParentPlaceholder, StringComparison.Ordinal)) return path;
        if (string.IsNullOrEmpty(request.ParentId))
            throw new ArgumentException($"The stream '{request.Stream.Name}' is read per parent record; no parent id was given.", nameof(request));
        return path.Replace(ParentPlaceholder, Uri.EscapeDataString(request.ParentId), StringComparison.Ordinal);
    }
}
