namespace Paystack.Actors.Configuration;

/// <summary>The known name a mistyped one was probably meant to be, for "did you mean ...?" hints.</summary>
public static class ClosestName
{
    /// <summary>
    /// The known name nearest to <paramref name="name"/> by edit distance (case ignored), if it is near enough to be a
    /// slip of the keyboard: at most 2 edits, or a third of the name for longer names.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> known)
    {
        var typed = name.ToLowerInvariant();
        var limit = Math.Max(2, typed.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = EditDistance(typed, candidate.ToLowerInvariant());
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, one row at a time.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
