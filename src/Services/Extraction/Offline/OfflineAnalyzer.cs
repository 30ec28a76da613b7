using System.Text;
using System.Text.Json.Nodes;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Transcripts;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Extraction.Offline;

/// <summary>The offline engine: every section computed from recognizers, lexicons and turn timing; no model, no network.</summary>
public sealed class OfflineAnalyzer(EntityRecognizer recognizer)
{
    public sealed record Result(JsonObject Data, GeneralMetrics Metrics, IReadOnlyList<Entity> Entities);

    public Result Analyze(Transcript t, PromptDocument prompt)
    {
        var entities = recognizer.Recognize(t);
        var names = NameRecognizer.Recognize(t);
        var redacted = RedactedTexts(t, entities);
        var sentiment = Sentiment(t, prompt);
        var direction = ConversationAnalyzer.Direction(t, sentiment.PerSpeaker.TryGetValue(Transcript.Customer, out var c) ? c.Score : sentiment.Overall.Score);
        var summary = Summarizer.Summarize(t, redacted, prompt.Keywords.Select(k => k.ToLowerInvariant()).ToList(), entities);
        var pii = entities.Where(e => e.IsPii)
            .Select(e => new PiiDetection(e.Type, Redactor.Redact(e.Type, e.Value), e.Segment, e.Start, e.End, e.Confidence)).ToList();
        var metrics = new GeneralMetrics(names, direction, sentiment, summary, ConversationAnalyzer.AgentMetrics(t), pii);
        var data = SchemaFiller.Fill(prompt.Fields, t, entities, names);
        return new Result(data, metrics, entities);
    }

    private static SentimentIntentSection Sentiment(Transcript t, PromptDocument prompt)
    {
        var scored = t.Utterances.Select(u => (u.Role, Score: SentimentAnalyzer.Score(u.Text))).ToList();
        static SentimentScore Of(IEnumerable<double> scores)
        {
            var list = scores.ToList();
            var mean = list.Count == 0 ? 0 : Math.Round(list.Average(), 3);
            return new SentimentScore(SentimentAnalyzer.Label(mean), mean);
        }
        var perSpeaker = scored.GroupBy(s => s.Role).ToDictionary(g => g.Key, g => Of(g.Select(x => x.Score)));
        // The customer's feeling is what a call's sentiment is about; the agent's politeness counts half.
        var weighted = scored.Select(s => s.Role == Transcript.Agent ? s.Score * 0.5 : s.Score).ToList();
        var overall = Of(weighted);
        var customerFirst = scored.Where(s => s.Role != Transcript.Agent).ToList();
        var basis = customerFirst.Count >= 2 ? customerFirst : scored;
        var part = Math.Max(1, basis.Count / 3);
        var start = Of(basis.Take(part).Select(s => s.Score));
        var end = Of(basis.TakeLast(part).Select(s => s.Score));
        var trend = end.Score - start.Score > 0.15 ? "improved" : start.Score - end.Score > 0.15 ? "worsened" : "stable";
        var customerText = string.Join(" ", t.Utterances.Where(u => u.Role != Transcript.Agent).Select(u => u.Text));
        var domain = DomainCatalog.Default.Domains.FirstOrDefault(d => d.Domain == prompt.Domain);
        var candidates = (domain?.Categories ?? []).Select(cat => (prompt.Domain, cat)).ToList();
        if (candidates.All(x => x.cat.Category != prompt.Category))
            candidates.Add((prompt.Domain, new CategoryInfo(prompt.Category, prompt.Description, prompt.Keywords)));
        var intent = IntentClassifier.Best(customerText + " " + t.FullText, candidates);
        return new SentimentIntentSection(overall, perSpeaker, start, end, trend,
            intent?.Category ?? prompt.Category, intent?.Confidence ?? 0, intent?.Keywords ?? []);
    }

    /// <summary>Each utterance with its PII spans masked; used for the summary so no raw card number leaves the service.</summary>
    private static List<string> RedactedTexts(Transcript t, IReadOnlyList<Entity> entities)
    {
        var result = new List<string>(t.Utterances.Count);
        foreach (var u in t.Utterances)
        {
            var sb = new StringBuilder(u.Text);
            foreach (var e in entities.Where(e => e.Segment == u.Index && e.IsPii).OrderByDescending(e => e.Start))
                sb.Remove(e.Start, e.End - e.Start).Insert(e.Start, $"[{e.Type}:{Redactor.Redact(e.Type, e.Value)}]");
            result.Add(sb.ToString());
        }
        return result;
    }
}
