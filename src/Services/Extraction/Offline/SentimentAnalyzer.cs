using System.Text.RegularExpressions;

namespace MagicHub.Extraction.Offline;

/// <summary>
/// VADER-style lexicon sentiment (valence lexicon from npm vader-sentiment with call-centre overrides): intensifiers and
/// dampeners scale the next words, negation within three words flips and damps, "but" shifts weight to what follows,
/// exclamation marks amplify. Returns the normalized compound score in [-1, 1].
/// </summary>
public static partial class SentimentAnalyzer
{
    private const double NegationScalar = -0.74;
    private const double Alpha = 15;
    public const double Threshold = 0.05;

    public static double Score(string text)
    {
        var raw = WordPattern().Matches(text).Select(m => m.Value).ToArray();
        var words = raw.Select(w => w.ToLowerInvariant()).ToArray();
        var lexicon = OfflineData.SentimentLexicon;
        var boosters = OfflineData.BoosterWords;
        var valences = new double[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (!lexicon.TryGetValue(words[i], out var v) || boosters.ContainsKey(words[i])) continue;
            // "Hello Grace": a capitalized first name inside a sentence is a person, not a feeling.
            if (i > 0 && char.IsUpper(raw[i][0]) && OfflineData.FirstNames.Contains(raw[i])) continue;
            if (words[i] == "kind" && i + 1 < words.Length && words[i + 1] == "of") continue;
            for (var back = 1; back <= 3 && i - back >= 0; back++)
            {
                var prev = words[i - back];
                if (boosters.TryGetValue(prev, out var b))
                {
                    var scaled = v > 0 ? b : -b;
                    v += scaled * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                }
                if (IsNegation(prev)) v *= NegationScalar;
            }
            valences[i] = v;
        }
        var but = Array.FindIndex(words, w => w is "but" or "however");
        if (but >= 0)
            for (var i = 0; i < words.Length; i++) valences[i] *= i < but ? 0.5 : i > but ? 1.5 : 1;
        var sum = valences.Sum();
        var bangs = Math.Min(4, text.Count(c => c == '!'));
        if (sum != 0) sum += Math.Sign(sum) * bangs * 0.292;
        return sum == 0 ? 0 : Math.Round(sum / Math.Sqrt((sum * sum) + Alpha), 4);
    }

    public static string Label(double score, double threshold = Threshold) =>
        score >= threshold ? "positive" : score <= -threshold ? "negative" : "neutral";

    private static bool IsNegation(string word) => OfflineData.NegationWords.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal);

    [GeneratedRegex(@"[A-Za-z]+(?:'[a-z]+)?")]
    private static partial Regex WordPattern();
}
