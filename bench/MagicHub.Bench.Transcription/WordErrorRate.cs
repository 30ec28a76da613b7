using System.Text;

namespace MagicHub.Bench.Transcription;

/// <summary>Word error rate by word-level Levenshtein distance after normalizing case, punctuation and spoken abbreviations.</summary>
internal static class WordErrorRate
{
    private static readonly Dictionary<string, string> Equivalents = new(StringComparer.Ordinal)
    {
        ["dr"] = "doctor", ["mr"] = "mister", ["mrs"] = "missus", ["ok"] = "okay", ["checkup"] = "check up",
    };

    public static string[] Words(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            sb.Append(char.IsLetterOrDigit(ch) || ch == '\'' ? ch : ' ');
        }

        return [.. sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => (Equivalents.TryGetValue(w, out var e) ? e : w).Split(' '))];
    }

    /// <summary>Edit distance between reference and hypothesis words.</summary>
    public static int Errors(string[] reference, string[] hypothesis)
    {
        var previous = Enumerable.Range(0, hypothesis.Length + 1).ToArray();
        var current = new int[hypothesis.Length + 1];
        for (var i = 1; i <= reference.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= hypothesis.Length; j++)
            {
                var substitution = previous[j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[hypothesis.Length];
    }
}
