using System.Text.Json;

namespace Paystack.Host.Tests.Packaging;

/// <summary>
/// The JIT settings the host ships in its runtimeconfig.json (bench/README.md says what each saves): no instrumented
/// tier, and tier-1 recompilation only for methods called 4096 times.
/// </summary>
public static class RuntimeTuning
{
    public static void AssertShipped(Stream runtimeConfig)
    {
        using var document = JsonDocument.Parse(runtimeConfig);
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(4096, properties.GetProperty("System.Runtime.TieredCompilation.CallCountThreshold").GetInt32());
    }
}

public sealed class RuntimeTuningTests
{
    [Fact]
    public void The_built_executable_carries_the_jit_settings()
    {
        using var config = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "paystack-sync.runtimeconfig.json"));
        RuntimeTuning.AssertShipped(config);
    }
}
