using System.Text;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Logging;

namespace Paystack.Host.Airbyte;

/// <summary>
/// What a library prints to Console.Out while an Airbyte verb runs (Akka's fallback logger during shutdown, say),
/// turned into LOG messages line by line, so stdout stays pure protocol and stderr stays empty.
/// </summary>
internal sealed class ConsoleLogWriter(AirbyteMessageWriter writer, SecretRedactor redactor) : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n') EmitLine();
            else if (value != '\r') _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_gate)
            foreach (var c in value)
                Write(c);
    }

    public override void Flush()
    {
        lock (_gate)
            if (_line.Length > 0) EmitLine();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        var text = redactor.Redact(_line.ToString());
        _line.Clear();
        if (text.Length > 0)
            writer.Write(AirbyteMessage.ForLog(LevelOf(text), text));
    }

    /// <summary>Akka's standard-out logger starts its lines with the level in brackets; anything else is INFO.</summary>
    private static AirbyteLogLevel LevelOf(string line) =>
        line.StartsWith("[ERROR]", StringComparison.Ordinal) ? AirbyteLogLevel.Error
        : line.StartsWith("[WARNING]", StringComparison.Ordinal) ? AirbyteLogLevel.Warn
        : line.StartsWith("[DEBUG]", StringComparison.Ordinal) ? AirbyteLogLevel.Debug
        : AirbyteLogLevel.Info;
}
