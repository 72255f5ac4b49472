using System.Text;

namespace Paystack.Actors.Tests.Logging;

/// <summary>A StringWriter that can be read while another thread (an Akka logger actor) writes to it.</summary>
internal sealed class LockedStringWriter : StringWriter
{
    private readonly Lock _gate = new();

    public override void Write(char value)
    {
        lock (_gate) base.Write(value);
    }

    public override void Write(string? value)
    {
        lock (_gate) base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate) base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate) base.Write(buffer);
    }

    public override void Write(StringBuilder? value)
    {
        lock (_gate) base.Write(value);
    }

    public override string ToString()
    {
        lock (_gate) return base.ToString();
    }
}
