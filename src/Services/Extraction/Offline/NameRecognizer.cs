using System.Text.RegularExpressions;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Transcripts;

namespace MagicHub.Extraction.Offline;

/// <summary>
/// Finds the agent's and customer's names from self-introductions ("this is Anna", "my name is Peter Collins"),
/// how each addresses the other ("Hi Anna", "thank you Nina", "am I speaking with Walter Scott?") and titled
/// mentions of others ("doctor Evans" → "Dr. Evans"). First names come from the embedded name list.
/// </summary>
public static partial class NameRecognizer
{
    private static readonly HashSet<string> NotSurname = new(StringComparer.OrdinalIgnoreCase)
    {
        "from", "with", "at", "and", "here", "speaking", "calling", "the", "i", "how", "on", "in", "of", "for", "to", "is", "am", "are",
        "please", "thanks", "thank", "yes", "no", "again", "today", "there", "hi", "hello", "you", "we", "it", "this", "that", "my", "your", "but", "so",
    };

    public static NamesSection Recognize(Transcript transcript)
    {
        string? agent = null, customer = null;
        var others = new List<string>();
        void Set(ref string? slot, string name)
        {
            if (slot is null || (name.Length > slot.Length && name.StartsWith(slot, StringComparison.OrdinalIgnoreCase))) slot = name;
        }
        foreach (var u in transcript.Utterances)
        {
            var speakerIsAgent = u.Role == Transcript.Agent;
            var speakerIsCustomer = u.Role == Transcript.Customer;
            foreach (Match m in SelfIntro().Matches(u.Text))
            {
                if (FullName(m.Groups["name"].Value, m.Groups["rest"].Value) is not { } n) continue;
                if (speakerIsAgent) Set(ref agent, n); else if (speakerIsCustomer) Set(ref customer, n);
            }
            foreach (Match m in AskedFor().Matches(u.Text))
                if (FullName(m.Groups["name"].Value, m.Groups["rest"].Value) is { } n && speakerIsAgent) Set(ref customer, n);
            foreach (Match m in Addressed().Matches(u.Text))
            {
                if (FullName(m.Groups["name"].Value, "") is not { } n) continue;
                if (speakerIsCustomer) Set(ref agent, n); else if (speakerIsAgent) Set(ref customer, n);
            }
            foreach (Match m in Titled().Matches(u.Text))
            {
                var surname = m.Groups["surname"].Value;
                if (NotSurname.Contains(surname)) continue;
                var title = m.Groups["title"].Value.TrimEnd('.').ToLowerInvariant() switch
                {
                    "doctor" or "dr" => "Dr.", "mr" or "mister" => "Mr.", "mrs" => "Mrs.", "ms" => "Ms.", "miss" => "Miss", _ => "Prof.",
                };
                var full = $"{title} {Cap(surname)}";
                if (!others.Contains(full, StringComparer.OrdinalIgnoreCase)) others.Add(full);
            }
        }
        others.RemoveAll(o => (agent is not null && o.EndsWith(agent.Split(' ')[^1], StringComparison.OrdinalIgnoreCase) && agent.Contains(' ', StringComparison.Ordinal))
                               || (customer is not null && customer.Contains(' ', StringComparison.Ordinal) && o.EndsWith(customer.Split(' ')[^1], StringComparison.OrdinalIgnoreCase)));
        return new NamesSection(agent, customer, others);
    }

    /// <summary>"Peter" + " Collins. I would" → "Peter Collins" when Peter is a known first name.</summary>
    private static string? FullName(string first, string rest)
    {
        if (!OfflineData.FirstNames.Contains(first)) return null;
        var name = Cap(first);
        var surname = rest.Trim();
        var lowerTranscript = first.All(c => !char.IsUpper(c));
        if (surname.Length > 1 && !NotSurname.Contains(surname) && (char.IsUpper(surname[0]) || lowerTranscript) && !OfflineData.SentimentLexicon.ContainsKey(surname))
            name += " " + Cap(surname);
        return name;
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    [GeneratedRegex(@"\b(?:this is|my name is|my name's|name is|i am|i'm|it's|you're speaking with|you are speaking with)\s+(?<name>[A-Za-z]+)(?:\s+(?<rest>[A-Za-z][a-z'-]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex SelfIntro();

    [GeneratedRegex(@"\b(?:am i speaking (?:with|to)|is this|are you|speaking with|speak (?:with|to))\s+(?:mr\.?\s+|mrs\.?\s+|ms\.?\s+)?(?<name>[A-Za-z]+)(?:\s+(?<rest>[A-Za-z][a-z'-]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex AskedFor();

    [GeneratedRegex(@"(?:^|[.!?]\s+)(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks|thank you(?: so much| very much)?|okay|ok|sure|yes)\s*,?\s+(?<name>[A-Za-z]+)\b(?=\s*[,.!?]|$|\s+(?:this|my|i|it))|\bthank you,?\s+(?<name>[A-Za-z]+)\s*[.!]?$|\bthanks,?\s+(?<name>[A-Za-z]+)\s*[.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex Addressed();

    [GeneratedRegex(@"\b(?<title>dr\.?|doctor|mr\.?|mister|mrs\.?|ms\.?|miss|professor)\s+(?<surname>[A-Za-z][a-z'-]{1,})", RegexOptions.IgnoreCase)]
    private static partial Regex Titled();
}
