using System.Globalization;
using System.Text.RegularExpressions;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Offline;

namespace MagicHub.Extraction.Transcripts;

/// <summary>One utterance with its role (<c>agent</c>, <c>customer</c> or another label) and number-normalized text.</summary>
public sealed record Utterance(int Index, string Role, string Speaker, double Start, double End, string Text, NormalizedText Normalized)
{
    public double Duration => Math.Max(0, End - Start);
}

/// <summary>A call transcript as utterances, built from segments or the seed's text lines.</summary>
public sealed partial class Transcript(IReadOnlyList<Utterance> utterances)
{
    public const string Agent = "agent";
    public const string Customer = "customer";

    public IReadOnlyList<Utterance> Utterances { get; } = utterances;
    public bool HasTimes => Utterances.Any(u => u.End > 0);
    public string FullText => string.Join(" ", Utterances.Select(u => u.Text));

    public static Transcript From(ExtractRequest request) =>
        request.Segments is { Count: > 0 } segments
            ? FromSegments(segments.Select(s => (s.Speaker, s.Start, s.End, s.Text)).ToList())
            : FromText(request.Transcription ?? "");

    public static Transcript FromText(string text)
    {
        var rows = new List<(string Speaker, double Start, double End, string Text)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var m = LinePattern().Match(line);
            if (m.Success)
            {
                rows.Add((m.Groups["spk"].Value, Clock(m.Groups["s"].Value), Clock(m.Groups["e"].Value), m.Groups["text"].Value.Trim()));
                continue;
            }
            var lm = LabelPattern().Match(line);
            if (lm.Success) rows.Add((lm.Groups["spk"].Value, 0, 0, lm.Groups["text"].Value.Trim()));
            else rows.Add(("unknown", 0, 0, line));
        }
        return FromSegments(rows);
    }

    private static Transcript FromSegments(IReadOnlyList<(string Speaker, double Start, double End, string Text)> rows)
    {
        var roles = AssignRoles(rows);
        var list = rows.Select((r, i) => new Utterance(i, roles[i], r.Speaker, r.Start, r.End, r.Text, NumberNormalizer.Normalize(r.Text))).ToList();
        return new Transcript(list);
    }

    /// <summary>Agent/customer labels pass through; other labels get roles from who greets like an agent (else the first speaker).</summary>
    private static string[] AssignRoles(IReadOnlyList<(string Speaker, double Start, double End, string Text)> rows)
    {
        static string Canon(string s)
        {
            var l = s.Trim().ToLowerInvariant();
            return l switch
            {
                "agent" or "rep" or "representative" or "operator" or "advisor" or "support" => Agent,
                "customer" or "caller" or "client" or "user" => Customer,
                _ => l,
            };
        }
        var canon = rows.Select(r => Canon(r.Speaker)).ToArray();
        var labels = canon.Distinct().ToList();
        if (labels.Contains(Agent) || labels.Contains(Customer) || labels.Count == 0) return canon;
        var agentLabel = rows.Select((r, i) => (r, i)).FirstOrDefault(x => AgentOpening().IsMatch(x.r.Text)) is var hit && hit.r.Text is not null
            ? canon[hit.i] : canon[0];
        if (labels.Count == 1 && labels[0] == "unknown") return canon;
        return canon.Select(c => c == agentLabel ? Agent : Customer).ToArray();
    }

    private static double Clock(string v)
    {
        var parts = v.Split(':');
        double total = 0;
        foreach (var p in parts) total = (total * 60) + double.Parse(p, CultureInfo.InvariantCulture);
        return total;
    }

    [GeneratedRegex(@"^\[(?<s>\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?)\s*-\s*(?<e>\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?)\]\s*(?<spk>[^:]{1,40}):\s*(?<text>.*)$")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"^(?<spk>[A-Za-z][\w ]{0,30}):\s+(?<text>.+)$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"\b(thank(s| you) for calling|how (can|may) I (help|assist)|this is \w+ (from|with|at)|speaking with|calling from)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgentOpening();
}
