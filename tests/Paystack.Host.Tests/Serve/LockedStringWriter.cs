using System.Text;

namespace Paystack.Host.Tests.Serve;

/// <summary>Captures log output written from many threads.</summary>
public sealed class LockedStringWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate) _text.Append(value);
    }

    public override string ToString()
    {
        lock (_gate) return _text.ToString();
    }
}
