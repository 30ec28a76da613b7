using System.Text.RegularExpressions;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Prompts.Prompts;

/// <summary>
/// Offline prompt generation for a new pair: ranks known categories by word overlap with the new names (names, descriptions,
/// keywords; same domain counts extra), takes the fields of the two closest, adds the generic fields,, and writes instructions.
/// </summary>
public static partial class PromptGenerator
{
    public static PromptDocument Generate(string domain, string category, IReadOnlyList<PromptDocument> known, DateTimeOffset now)
    {
        var wanted = Words(domain + " " + category);
        var ranked = Closest(domain, category, known, 2);
        var fields = new List<PromptField>();
        foreach (var f in ranked.SelectMany(r => r.Fields).Concat(DefaultPrompts.GenericFields))
            if (fields.All(x => x.Name != f.Name) && fields.Count < 9) fields.Add(f with { Required = false });
        var description = ranked.Count > 0
            ? $"{Title(category)} calls in {domain.Replace('_', ' ')} (generated; closest known: {string.Join(", ", ranked.Select(r => $"{r.Domain}/{r.Category}"))})."
            : $"{Title(category)} calls in {domain.Replace('_', ' ')} (generated).";
        var keywords = wanted.Concat(ranked.SelectMany(r => r.Keywords).Take(8)).Distinct().Take(12).ToList();
        return new PromptDocument(domain, category, 1, true, description, keywords,
            DefaultPrompts.Instructions(domain, category, description), fields, "generated-offline", now);
    }

    /// <summary>The <paramref name="count"/> known prompts closest to the new pair (word overlap; same domain counts extra).</summary>
    public static IReadOnlyList<PromptDocument> Closest(string domain, string category, IReadOnlyList<PromptDocument> known, int count)
    {
        var wanted = Words(domain + " " + category);
        return known
            .Select(k => (k, score: Overlap(wanted, Words($"{k.Category} {k.Description} {string.Join(' ', k.Keywords)}")) * 2
                                   + (k.Domain == domain ? 1.5 : Overlap(wanted, Words(k.Domain)))))
            .Where(x => x.score > 0).OrderByDescending(x => x.score).Take(count).Select(x => x.k).ToList();
    }

    private static string Title(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].Replace('_', ' ');

    private static double Overlap(HashSet<string> a, HashSet<string> b) => a.Count(w => b.Any(x => x == w || (w.Length > 4 && x.StartsWith(w[..^1], StringComparison.Ordinal))));

    private static HashSet<string> Words(string s) => WordPattern().Matches(s.ToLowerInvariant().Replace('_', ' ')).Select(m => m.Value).Where(w => w.Length > 2).ToHashSet();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex WordPattern();
}
