using System.Text;

namespace Paystack.Actors.Destinations.Tables;

/// <summary>
/// The table names one stream uses, checked once. Stream names come from the catalog, but they still end up inside
/// SQL, so they are validated here and always quoted where used.
/// </summary>
internal sealed class StreamTableNames
{
    /// <summary>PostgreSQL truncates identifiers above 63 bytes; the longest derived name adds 12 bytes.</summary>
    internal const int MaxBaseNameBytes = 48;

    /// <summary>Holds the run id of each unfinished overwrite's staging table.</summary>
    internal const string StagingMetadataTable = "_paystack_sync_staging";

    /// <summary>Holds each stream table's own record of its progress (<see cref="Progress.DestinationProgress"/>).</summary>
    internal const string ProgressTable = "_paystack_sync_progress";

    /// <summary>Holds the id the destination keeps for itself (one row).</summary>
    internal const string IdentityTable = "_paystack_sync_destination";

    /// <summary>Holds who took each account's lease last (the holder, while the lease is taken).</summary>
    internal const string LeaseTable = "_paystack_sync_lease";

    private const string StagingSuffix = "__staging";

    private StreamTableNames(string target)
    {
        Target = target;
        Staging = target + StagingSuffix;
    }

    /// <summary>The table readers query, e.g. <c>transactions</c>.</summary>
    public string Target { get; }

    /// <summary>Where an overwrite writes until the stream completes.</summary>
    public string Staging { get; }

    /// <summary>Validates <paramref name="streamName"/> (with an optional prefix) and derives the names.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long or contains characters that cannot be a table name.</exception>
    public static StreamTableNames For(string streamName, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(streamName);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        if (streamName.Length == 0)
        {
            throw new ArgumentException("A stream name must not be empty.", nameof(streamName));
        }

        var target = tablePrefix + streamName;
        foreach (var c in target)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                throw new ArgumentException(
                    $"Stream '{Printable(streamName)}' cannot be a table name: it contains a control or unpaired character.",
                    nameof(streamName));
            }
        }

        if (Encoding.UTF8.GetByteCount(target) > MaxBaseNameBytes)
        {
            throw new ArgumentException(
                $"Table name '{Printable(target)}' is longer than {MaxBaseNameBytes} bytes.", nameof(streamName));
        }

        if (target.StartsWith("_paystack", StringComparison.OrdinalIgnoreCase)
            || target.EndsWith(StagingSuffix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Table name '{target}' is reserved for the destination's own bookkeeping.", nameof(streamName));
        }

        return new StreamTableNames(target);
    }

    private static string Printable(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
