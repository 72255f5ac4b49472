namespace Paystack.Actors.Logging;

/// <summary>How log events are written.</summary>
public enum LogFormat
{
    /// <summary>One readable line per event (and the exception below it).</summary>
    Human,

    /// <summary>One compact JSON object per line (Serilog's CLEF: @t, @mt, @l, @x, properties), for log shippers.</summary>
    CompactJson,
}
