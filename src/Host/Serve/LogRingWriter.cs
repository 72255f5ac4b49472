using System.Text;

namespace Paystack.Host.Serve;

/// <summary>
/// The log output of <c>serve</c>: writes through to <paramref name="inner"/> (standard error) and keeps each completed
/// line in the ring. It sits behind the logging pipeline's redacting sink, so the ring only ever sees masked text.
/// </summary>
internal sealed class LogRingWriter(TextWriter inner, LogRing ring) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            inner.Write(value);
            Collect(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_gate)
        {
            inner.Write(value);
            foreach (var c in value) Collect(c);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        lock (_gate) inner.Flush();
    }

    private void Collect(char c)
    {
        if (c == '\n')
        {
            if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
            ring.Add(_line.ToString());
            _line.Clear();
        }
        else _line.Append(c);
    }
}
