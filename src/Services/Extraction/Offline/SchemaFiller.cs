using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Transcripts;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Extraction.Offline;

/// <summary>
/// Fills a prompt's field schema from recognized values: each field takes the candidate of its type whose surrounding
/// words best match the field's name and description ("delivery_date: date the order arrives" → the date next to "arrive").
/// </summary>
public static partial class SchemaFiller
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "to", "for", "is", "in", "on", "and", "or", "by", "with", "that", "this", "customer", "caller", "call", "value", "if", "any", "when", "what", "which", "be",
    };
    private static readonly string[] Units = ["days", "day", "nights", "night", "months", "month", "years", "year", "hours", "minutes", "weeks", "guests", "people", "items", "tickets", "bags", "lines"];

    public static JsonObject Fill(IReadOnlyList<PromptField> fields, Transcript t, IReadOnlyList<Entity> entities, NamesSection names)
    {
        var result = new JsonObject();
        foreach (var f in fields) result[f.Name] = FillField(f, t, entities, names);
        return result;
    }

    private static JsonNode? FillField(PromptField f, Transcript t, IReadOnlyList<Entity> entities, NamesSection names)
    {
        var cues = Cues(f);
        Entity? Best(params string[] types) => entities.Where(e => types.Contains(e.Type))
            .Where(e => !(Future(f) && PastDate().IsMatch(e.Value)))
            .Where(e => UnitOf(f) is not { } unit || FirstWordAfter(t, e).StartsWith(unit.TrimEnd('s'), StringComparison.OrdinalIgnoreCase))
            .Select(e => (e, s: Score(cues, t, e))).OrderByDescending(x => x.s).ThenBy(x => x.e.Segment).Select(x => x.e).FirstOrDefault();
        switch (f.Type)
        {
            case FieldTypes.Phone: return Best("phone")?.Value;
            case FieldTypes.Email: return Best("email")?.Value;
            case FieldTypes.Date: return Best("date", "date_of_birth")?.Value;
            case FieldTypes.Time: return Best("time")?.Value;
            case FieldTypes.Money: return Best("money") is { } m ? JsonValue.Create(decimal.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
            case FieldTypes.Number:
                var n = Best("number", "money");
                return n is not null && decimal.TryParse(n.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null;
            case FieldTypes.Enum: return EnumValue(f, t);
            case FieldTypes.Boolean: return BooleanValue(cues, t);
            default: return StringValue(f, cues, t, entities, names, Best);
        }
    }

    private static JsonNode? StringValue(PromptField f, HashSet<string> cues, Transcript t, IReadOnlyList<Entity> entities, NamesSection names, Func<string[], Entity?> best)
    {
        var name = f.Name.ToLowerInvariant();
        var text = (name + " " + f.Description).ToLowerInvariant();
        if (name.EndsWith("_number", StringComparison.Ordinal) || name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith("_code", StringComparison.Ordinal) || name.EndsWith("_reference", StringComparison.Ordinal))
        {
            var exact = entities.FirstOrDefault(e => e.Type == name || (e.Type.EndsWith("_number", StringComparison.Ordinal) && name.StartsWith(e.Type.Split('_')[0], StringComparison.Ordinal)));
            var hit = exact ?? best(entities.Select(e => e.Type).Where(ty => ty.EndsWith("_number", StringComparison.Ordinal) && !Entity.PiiTypes.Contains(ty)).Distinct().ToArray());
            if (hit is not null) return hit.IsPii ? Redactor.Redact(hit.Type, hit.Value) : hit.Value;
        }
        if (text.Contains("customer name", StringComparison.Ordinal) || name is "customer_name" or "caller_name" or "patient_name" or "guest_name" or "policyholder_name") return names.Customer;
        if (name is "agent_name" or "representative") return names.Agent;
        if (PersonCue().IsMatch(name) || PersonCue().IsMatch(f.Description))
        {
            var titled = names.Others.FirstOrDefault(o => o.StartsWith("Dr.", StringComparison.Ordinal)) ?? (names.Others.Count > 0 ? names.Others[0] : null);
            if (titled is not null) return titled;
        }
        var head = name.Split('_')[^1];
        if (head.Length > 2 && !Stop.Contains(head))
        {
            var phrase = HeadPhrase(t, head);
            if (phrase is not null) return phrase;
        }
        return null;
    }

    /// <summary>"upgrade to our unlimited plan" + head "plan" → "unlimited plan" (most frequent modified form).</summary>
    private static string? HeadPhrase(Transcript t, string head)
    {
        var pattern = new Regex(@"\b(?:the|our|your|a|an|my|this|that|new|current)\s+((?:[a-z]+\s+){1,2}" + Regex.Escape(head) + @")s?\b", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return t.Utterances.SelectMany(u => pattern.Matches(u.Normalized.Text).Select(m => m.Groups[1].Value.ToLowerInvariant()))
            .Select(p => string.Join(' ', p.Split(' ').SkipWhile(w => w is "new" or "current" or "the" or "a" or "an")))
            .Where(p => p.Contains(' ', StringComparison.Ordinal))
            .GroupBy(p => p).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Length).Select(g => g.Key).FirstOrDefault();
    }

    private static JsonNode? EnumValue(PromptField f, Transcript t)
    {
        if (f.EnumValues is not { Count: > 0 } values) return null;
        var text = " " + string.Join(' ', Words().Matches(t.FullText.ToLowerInvariant()).Select(m => m.Value)) + " ";
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? best = null;
        var bestScore = 0.0;
        foreach (var v in values)
        {
            var parts = Words().Matches(v.ToLowerInvariant().Replace('_', ' ')).Select(m => m.Value).ToArray();
            var score = 0.0;
            for (var i = 0; i < tokens.Length; i++)
            {
                if (!Stem(tokens[i], parts[0])) continue;
                var window = tokens.Skip(i).Take(6).ToArray();
                var matched = parts.Count(p => window.Any(w => Stem(w, p)));
                score = Math.Max(score, (double)matched / parts.Length);
            }
            if (score > bestScore) { bestScore = score; best = v; }
        }
        return bestScore >= 0.99 || (bestScore >= 0.5 && values.Count > 1) ? best : null;
    }

    private static JsonNode? BooleanValue(HashSet<string> cues, Transcript t)
    {
        foreach (var u in t.Utterances)
        {
            var words = Words().Matches(u.Text.ToLowerInvariant()).Select(m => m.Value).ToArray();
            for (var i = 0; i < words.Length; i++)
            {
                if (!cues.Any(c => Stem(words[i], c))) continue;
                var negated = words.Skip(Math.Max(0, i - 3)).Take(Math.Min(3, i)).Any(w => w is "no" or "not" or "never" or "don't" or "didn't" or "doesn't" or "won't" or "isn't" or "without");
                return !negated;
            }
        }
        return null;
    }

    private static double Score(HashSet<string> cues, Transcript t, Entity e)
    {
        var u = t.Utterances[e.Segment];
        var before = Words().Matches(u.Text[..e.Start].ToLowerInvariant()).Select(m => m.Value).Reverse().Take(8).ToArray();
        var after = Words().Matches(u.Text[e.End..].ToLowerInvariant()).Select(m => m.Value).Take(8).ToArray();
        double s = 0;
        for (var i = 0; i < before.Length; i++) if (cues.Any(c => Stem(before[i], c))) s += 1.0 / (1 + (0.3 * i));
        for (var i = 0; i < after.Length; i++) if (cues.Any(c => Stem(after[i], c))) s += 1.0 / (1 + (0.3 * i));
        if (e.Segment > 0)
            s += 0.3 * Words().Matches(t.Utterances[e.Segment - 1].Text.ToLowerInvariant()).Count(m => cues.Any(c => Stem(m.Value, c)));
        return s + (e.Confidence * 0.1);
    }

    private static HashSet<string> Cues(PromptField f) =>
        Words().Matches((f.Name.Replace('_', ' ') + " " + f.Description).ToLowerInvariant()).Select(m => m.Value)
            .Where(w => w.Length > 2 && !Stop.Contains(w)).ToHashSet();

    private static bool Future(PromptField f) => FutureCue().IsMatch(f.Name + " " + f.Description);

    private static string? UnitOf(PromptField f) => Units.FirstOrDefault(u => f.Name.Split('_').Contains(u, StringComparer.OrdinalIgnoreCase));

    private static string FirstWordAfter(Transcript t, Entity e)
    {
        var words = Words().Matches(t.Utterances[e.Segment].Text[e.End..].ToLowerInvariant()).Select(m => m.Value).Take(2).ToArray();
        return words.Length == 0 ? "" : words[0] == "business" && words.Length > 1 ? words[1] : words[0];
    }

    /// <summary>Crude stemming: shared prefix covering all but a short suffix ("arrive" ~ "arrives", "deliver" ~ "delivery").</summary>
    internal static bool Stem(string word, string cue)
    {
        if (word == cue) return true;
        var common = 0;
        while (common < word.Length && common < cue.Length && word[common] == cue[common]) common++;
        return common >= 4 && word.Length - common <= 3 && cue.Length - common <= 3;
    }

    [GeneratedRegex(@"[a-z0-9]+(?:'[a-z]+)?")]
    private static partial Regex Words();

    [GeneratedRegex(@"^(yesterday|last\s)")]
    private static partial Regex PastDate();

    [GeneratedRegex(@"\b(expected|will|next|due|scheduled|appointment|arriv\w*|deliver\w*|new|follow|booked|reservation|check.?in|departure)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FutureCue();

    [GeneratedRegex(@"\b(provider|doctor|physician|dentist|specialist|clinician|technician|adjuster|advisor|name|person|contact)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonCue();
}
