using System.Text;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Transcription.Domains;

/// <summary>The domain/category a transcript belongs to, with a confidence in [0, 1].</summary>
public sealed record DomainGuess(string Domain, string Category, double Confidence)
{
    public static readonly DomainGuess Unknown = new("unknown", "unknown", 0);
}

/// <summary>
/// Offline TF-IDF classifier: each category is a document made of its keywords (weighted up, phrases as bigrams) and the
/// descriptions of the category and its domain; a transcript goes to the most similar category by cosine similarity,
/// and to <c>unknown</c> when the evidence is thin or two categories are equally likely.
/// </summary>
public sealed class DomainClassifier
{
    private const int KeywordWeight = 3;
    private readonly List<(string Domain, string Category, Dictionary<string, double> Vector)> _categories = [];
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);

    public DomainClassifier(DomainCatalog catalog)
    {
        var documents = new List<(string, string, Dictionary<string, int>)>();
        foreach (var domain in catalog.Domains)
        {
            foreach (var category in domain.Categories)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var term in Terms(domain.Description + " " + category.Description + " " + category.Category.Replace('_', ' ')))
                {
                    counts[term] = counts.GetValueOrDefault(term) + 1;
                }

                foreach (var keyword in category.Keywords)
                {
                    foreach (var term in Terms(keyword))
                    {
                        counts[term] = counts.GetValueOrDefault(term) + KeywordWeight;
                    }
                }

                documents.Add((domain.Domain, category.Category, counts));
            }
        }

        foreach (var term in documents.SelectMany(d => d.Item3.Keys).Distinct())
        {
            var df = documents.Count(d => d.Item3.ContainsKey(term));
            _idf[term] = Math.Log(1 + (documents.Count / (double)df));
        }

        foreach (var (domain, category, counts) in documents)
        {
            _categories.Add((domain, category, Normalize(counts.ToDictionary(kv => kv.Key, kv => kv.Value * _idf[kv.Key]))));
        }
    }

    /// <summary>Classifies a transcript; below <paramref name="minConfidence"/> the answer is <see cref="DomainGuess.Unknown"/>.</summary>
    public DomainGuess Classify(string transcript, double minConfidence)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in Terms(transcript).Where(_idf.ContainsKey))
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        if (counts.Count == 0 || _categories.Count == 0)
        {
            return DomainGuess.Unknown;
        }

        var query = Normalize(counts.ToDictionary(kv => kv.Key, kv => (1 + Math.Log(kv.Value)) * _idf[kv.Key]));
        var scored = _categories
            .Select(c => (c.Domain, c.Category, Score: c.Vector.Sum(kv => kv.Value * query.GetValueOrDefault(kv.Key))))
            .OrderByDescending(s => s.Score)
            .ToList();
        var best = scored[0];
        var second = scored.Count > 1 ? scored[1].Score : 0;

        // Confidence grows with the evidence (distinct matched terms) and with the margin over the runner-up.
        var evidence = Math.Min(1, counts.Count / 4.0);
        var margin = best.Score <= 0 ? 0 : (best.Score - second) / best.Score;
        var confidence = Math.Round(Math.Min(1, best.Score * 2) * evidence * (0.5 + (0.5 * margin)), 3);
        return confidence < minConfidence ? DomainGuess.Unknown with { Confidence = confidence } : new DomainGuess(best.Domain, best.Category, confidence);
    }

    private static Dictionary<string, double> Normalize(Dictionary<string, double> vector)
    {
        var norm = Math.Sqrt(vector.Values.Sum(v => v * v));
        return norm == 0 ? vector : vector.ToDictionary(kv => kv.Key, kv => kv.Value / norm, StringComparer.Ordinal);
    }

    /// <summary>Stemmed content words and bigrams of content words ("credit card" → credit, card, credit_card).</summary>
    internal static IEnumerable<string> Terms(string text)
    {
        var words = Words(text).Where(w => !Stopwords.Contains(w)).Select(Stem).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            yield return words[i];
            if (i + 1 < words.Count)
            {
                yield return words[i] + "_" + words[i + 1];
            }
        }
    }

    private static IEnumerable<string> Words(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetter(ch))
            {
                sb.Append(ch);
            }
            else if (sb.Length > 0)
            {
                yield return sb.ToString();
                sb.Clear();
            }
        }
    }

    private static string Stem(string w) =>
        w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal) ? w[..^3]
        : w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal) ? w[..^3] + "y"
        : w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal) ? w[..^2]
        : w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1]
        : w;

    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is", "are", "was", "were",
        "be", "been", "am", "i", "you", "we", "he", "she", "it", "they", "me", "my", "your", "our", "this", "that", "these", "those",
        "do", "does", "did", "have", "has", "had", "can", "could", "would", "will", "shall", "should", "may", "might", "must", "so",
        "not", "no", "yes", "okay", "ok", "hi", "hello", "thank", "thanks", "please", "just", "about", "what", "which", "who", "how",
        "there", "here", "all", "any", "some", "one", "get", "like", "want", "need", "also", "as", "up", "out", "s", "t",
        "e", "g", "etc", "such", "their", "its", "into", "than", "then", "very", "much", "more", "today", "great", "good", "right",
    };
}
