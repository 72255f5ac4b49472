namespace Paystack.Sandbox.Data;

/// <summary>
/// A small deterministic random stream (SplitMix64) seeded from (dataset seed, path, record index, purpose), so any
/// record can be generated on its own, in any order, without generating the ones before it.
/// </summary>
internal sealed class RecordRandom
{
    private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";
    private ulong _state;

    public RecordRandom(ulong seed) => _state = seed;

    public static RecordRandom For(int seed, string path, long index, ulong purpose = 0) =>
        new(Hash(seed, path, index, purpose));

    /// <summary>A well-mixed 64-bit value of its inputs; stable across processes (no string.GetHashCode).</summary>
    public static ulong Hash(int seed, string path, long index, ulong purpose = 0)
    {
        var h = Mix((ulong)(uint)seed ^ 0x5EED_0000_0000_0000UL);
        h = Mix(h ^ StableHash(path));
        h = Mix(h ^ (ulong)index);
        return Mix(h ^ purpose);
    }

    public static ulong StableHash(string text)
    {
        var h = 14695981039346656037UL; // FNV-1a
        foreach (var c in text)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextULong() % (ulong)maxExclusive);

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public long Between(long min, long maxExclusive) => min + (long)(NextULong() % (ulong)(maxExclusive - min));

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Lower-case letters and digits, the alphabet of Paystack codes such as <c>CUS_rki2ccocw7g8lsj</c>.</summary>
    public string Code(int length)
    {
        return string.Create(length, this, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = Alphanumeric[random.Next(Alphanumeric.Length)];
        });
    }

    public string Digits(int length)
    {
        return string.Create(length, this, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('0' + random.Next(10));
        });
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
