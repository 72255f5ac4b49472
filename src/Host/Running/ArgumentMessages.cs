namespace Paystack.Host.Running;

/// <summary>Messages of <see cref="ArgumentException"/> for people: without .NET's " (Parameter 'x')" suffix.</summary>
internal static class ArgumentMessages
{
    public static string Of(ArgumentException e)
    {
        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        return suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }
}
