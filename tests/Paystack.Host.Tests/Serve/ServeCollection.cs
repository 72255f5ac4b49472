namespace Paystack.Host.Tests.Serve;

/// <summary>Serve tests run one at a time: each starts a whole service (and the in-process ones share Serilog's global logger).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServeCollection
{
    public const string Name = "serve";
}
