namespace Paystack.Sandbox;

/// <summary>How the sandbox answers a list request asking for more than <see cref="SandboxOptions.MaxPageSize"/> records a page.</summary>
public enum OversizedPage
{
    /// <summary>Serves <c>MaxPageSize</c> records a page and says so in <c>meta.perPage</c>.</summary>
    Clamp,

    /// <summary>Serves <c>MaxPageSize</c> records a page but echoes the size asked for in <c>meta.perPage</c>.</summary>
    ClampHidden,

    /// <summary>Answers 400 <c>validation_error</c> naming the largest size it serves.</summary>
    Refuse,
}
