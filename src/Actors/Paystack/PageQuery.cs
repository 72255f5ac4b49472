using System.Globalization;
using System.Text;

namespace Paystack.Actors.Paystack;

/// <summary>Turns a <see cref="PageRequest"/> into the relative URL of its list endpoint.</summary>
internal static class PageQuery
{
    /// <summary>The format Paystack documents for <c>from</c>/<c>to</c>: ISO 8601 in UTC with milliseconds.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Build(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PerPage <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PerPage, "perPage must be at least 1.");
        }

        var query = new StringBuilder(request.Stream.Path, 128);
        query.Append("?perPage=").Append(request.PerPage.ToString(CultureInfo.InvariantCulture));
        if (request.UseCursor)
        {
            query.Append("&use_cursor=true");
            if (!string.IsNullOrEmpty(request.Cursor))
            {
                query.Append("&next=").Append(Uri.EscapeDataString(request.Cursor));
            }
        }
        else
        {
            if (request.Page < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(request), request.Page, "Pages are numbered from 1.");
            }

            query.Append("&page=").Append(request.Page.ToString(CultureInfo.InvariantCulture));
        }

        if (request.From is { } from)
        {
            query.Append("&from=").Append(Uri.EscapeDataString(FormatTime(from)));
        }

        if (request.To is { } to)
        {
            query.Append("&to=").Append(Uri.EscapeDataString(FormatTime(to)));
        }

        return query.ToString();
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
