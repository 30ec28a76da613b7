namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>Decides which utterances get the digits-grammar second pass, and places its words in time.</summary>
public static class DigitRescoring
{
    // Digits and what the general language model tends to hear instead of them.
    private static readonly HashSet<string> DigitLike = new(StringComparer.Ordinal)
    {
        "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "for", "fore", "to", "too", "on", "won", "fine", "ate", "nein", "tree", "free", "sex",
    };

    private static readonly HashSet<string> RealDigits = new(StringComparer.Ordinal)
    {
        "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    };

    /// <summary>At least four words, at least 75% of them digit-like and at least one a real digit (or a long run of look-alikes).</summary>
    public static bool LooksLikeDigits(IReadOnlyList<RecognizedWord> words)
    {
        if (words.Count < 4)
        {
            return false;
        }

        var like = words.Count(w => DigitLike.Contains(w.Word));
        var real = words.Count(w => RealDigits.Contains(w.Word));
        return like >= 0.75 * words.Count && (real >= 1 || like >= 8);
    }

    /// <summary>The digits pass's words inside the utterance's span replace it; without any, the utterance stays.</summary>
    public static List<RecognizedWord> Replace(IReadOnlyList<RecognizedWord> utterance, IReadOnlyList<RecognizedWord> digits)
    {
        var (start, end) = (utterance[0].Start - 0.3, utterance[^1].End + 0.3);
        var inside = digits.Where(w => (w.Start + w.End) / 2 is var mid && mid >= start && mid <= end).ToList();
        return inside.Count == 0 ? [.. utterance] : inside;
    }
}
