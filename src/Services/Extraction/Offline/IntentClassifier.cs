using System.Text.RegularExpressions;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Extraction.Offline;

/// <summary>
/// Scores a text against categories by their keywords: each keyword found counts its inverse spread (a keyword shared by
/// many categories says little), the category's description words count a little. Used for the caller's intent within a
/// domain and for classifying a transcript against the whole catalog.
/// </summary>
public static partial class IntentClassifier
{
    public sealed record Match(string Domain, string Category, double Score, double Confidence, IReadOnlyList<string> Keywords);

    public static Match? Best(string text, IEnumerable<(string Domain, CategoryInfo Category)> candidates) =>
        Rank(text, candidates) is { Count: > 0 } r ? r[0] : null;

    public static IReadOnlyList<Match> Rank(string text, IEnumerable<(string Domain, CategoryInfo Category)> candidates)
    {
        var list = candidates.ToList();
        if (list.Count == 0) return [];
        var lower = " " + string.Join(' ', Words().Matches(text.ToLowerInvariant()).Select(m => m.Value)) + " ";
        var spread = list.SelectMany(c => c.Category.Keywords.Select(k => k.ToLowerInvariant()).Distinct())
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var scored = new List<Match>();
        foreach (var (domain, category) in list)
        {
            double score = 0;
            var hits = new List<string>();
            foreach (var keyword in category.Keywords.Select(k => k.ToLowerInvariant()).Distinct())
            {
                var count = Occurrences(lower, keyword);
                if (count == 0) continue;
                hits.Add(keyword);
                var weight = (1.0 + (keyword.Count(c => c == ' ') * 0.5)) / Math.Sqrt(spread[keyword]);
                score += weight * (1 + Math.Log(count));
            }
            foreach (var word in Words().Matches(category.Description.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 4).Distinct())
                if (Occurrences(lower, word) > 0) score += 0.15;
            scored.Add(new Match(domain, category.Category, score, 0, hits));
        }
        var total = scored.Sum(s => Math.Exp(s.Score));
        return scored.Select(s => s with { Confidence = Math.Round(Math.Exp(s.Score) / total, 3) })
            .OrderByDescending(s => s.Score).ToList();
    }

    /// <summary>Whole-word (and simple inflection: -s, -ed, -ing) occurrences of a keyword or phrase.</summary>
    private static int Occurrences(string paddedText, string keyword)
    {
        var count = 0;
        var kw = " " + keyword;
        var index = paddedText.IndexOf(kw, StringComparison.Ordinal);
        while (index >= 0 && count < 20)
        {
            var after = index + kw.Length;
            var tail = 0;
            while (after + tail < paddedText.Length && char.IsLetter(paddedText[after + tail])) tail++;
            if (tail == 0 || (tail <= 3 && paddedText.AsSpan(after, tail) is "s" or "es" or "ed" or "d" or "ing")) count++;
            index = paddedText.IndexOf(kw, after, StringComparison.Ordinal);
        }
        return count;
    }

    [GeneratedRegex(@"[a-z0-9]+(?:['-][a-z]+)?")]
    private static partial Regex Words();
}
