using System.Text.RegularExpressions;
using MagicHub.Extraction.Transcripts;

namespace MagicHub.Extraction.Offline;

/// <summary>
/// Extractive summary: the customer's first substantive sentence (why they called), the sentences richest in category
/// keywords and recognized values, and the agent's last substantive sentence (the outcome); PII already redacted.
/// </summary>
public static partial class Summarizer
{
    public static string Summarize(Transcript t, IReadOnlyList<string> redactedTexts, IReadOnlyList<string> keywords, IReadOnlyList<Entity> entities, int maxSentences = 3)
    {
        var sentences = new List<(int Utterance, int Order, string Role, string Text, double Score)>();
        var order = 0;
        foreach (var u in t.Utterances)
            foreach (var s in SentenceSplit().Split(redactedTexts[u.Index]).Select(s => s.Trim()).Where(s => s.Length > 0))
            {
                var lower = s.ToLowerInvariant();
                var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                double score = keywords.Count(k => lower.Contains(k, StringComparison.Ordinal)) * 1.0
                    + (entities.Count(e => e.Segment == u.Index && e.Type != "number") * 0.5)
                    + (words >= 6 ? 0.5 : 0) - (Boilerplate().IsMatch(s) ? 2 : 0) - (words <= 3 ? 2 : 0);
                sentences.Add((u.Index, order++, u.Role, s, score));
            }
        if (sentences.Count == 0) return "";
        var picked = new List<(int Utterance, int Order, string Role, string Text, double Score)>();
        var reason = sentences.FirstOrDefault(s => s.Role == Transcript.Customer && s.Score > 0 && !Greeting().IsMatch(s.Text));
        if (reason.Text is not null) picked.Add(reason);
        var outcome = sentences.LastOrDefault(s => s.Role == Transcript.Agent && s.Score > 0);
        if (outcome.Text is not null && !picked.Contains(outcome)) picked.Add(outcome);
        foreach (var s in sentences.OrderByDescending(s => s.Score).ThenBy(s => s.Order))
        {
            if (picked.Count >= maxSentences) break;
            if (!picked.Contains(s) && s.Score > 0) picked.Add(s);
        }
        if (picked.Count == 0) picked.Add(sentences.OrderByDescending(s => s.Text.Length).First());
        return string.Join(" ", picked.OrderBy(p => p.Order).Select(p => $"{Cap(p.Role)}: {p.Text}"));
    }

    private static string Cap(string role) => role.Length == 0 ? role : char.ToUpperInvariant(role[0]) + role[1..];

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"^(thank(s| you)|have a|good (morning|afternoon|evening)|anything else|okay|ok|yes|no)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"\b(my name is|this is)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();
}
