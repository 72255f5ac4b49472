namespace Paystack.Actors.Destinations.Tables;

/// <summary>Argument checks every destination's BeginStreamAsync shares.</summary>
internal static class ValidateBegin
{
    public static void Arguments(Paystack.StreamDefinition stream, WriteMode mode, string runId)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown write mode.");
        }
    }
}
