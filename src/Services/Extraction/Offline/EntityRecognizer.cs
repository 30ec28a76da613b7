using System.Globalization;
using System.Text.RegularExpressions;
using MagicHub.Extraction.Transcripts;
using PhoneNumbers;

namespace MagicHub.Extraction.Offline;

/// <summary>
/// Finds emails, card numbers (Luhn), CVV, expiry dates, SSNs, phone numbers (libphonenumber), account / policy / order
/// style identifiers, money, dates, times and plain numbers in a transcript. Cues may sit in the same utterance or in the
/// previous one ("What is the card number?" → "four one one one ...").
/// </summary>
public sealed partial class EntityRecognizer(string defaultRegion = "US")
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public IReadOnlyList<Entity> Recognize(Transcript transcript)
    {
        var all = new List<Entity>();
        foreach (var u in transcript.Utterances)
        {
            var previous = u.Index > 0 ? transcript.Utterances[u.Index - 1].Normalized.Text : "";
            all.AddRange(RecognizeUtterance(u, previous));
        }
        return all;
    }

    private List<Entity> RecognizeUtterance(Utterance u, string previous)
    {
        var text = u.Normalized.Text;
        var taken = new List<(int Start, int End)>();
        var found = new List<Entity>();
        void Add(string type, string value, int start, int end, double confidence)
        {
            taken.Add((start, end));
            var (os, oe) = u.Normalized.ToOriginal(start, end);
            found.Add(new Entity(type, value, u.Index, os, oe, confidence, ContextOf(previous, text, start, end)));
        }
        bool Free(int start, int end) => !taken.Any(t => start < t.End && t.Start < end);

        foreach (Match m in EmailPattern().Matches(text)) Add("email", m.Value.ToLowerInvariant().TrimEnd('.'), m.Index, m.Index + m.Length, 0.95);
        foreach (Match m in SpokenEmailPattern().Matches(text))
            if (Free(m.Index, m.Index + m.Length)) Add("email", SpokenEmail(m), m.Index, m.Index + m.Length, 0.8);
        foreach (Match m in ExpiryPattern().Matches(text))
            if (Free(m.Index, m.Index + m.Length) && (m.Groups["sep"].Value == "/" || Cue(previous, text, m.Index, ExpiryCue())))
                Add("card_expiry", $"{int.Parse(m.Groups["mm"].Value, CultureInfo.InvariantCulture):00}/{m.Groups["yy"].Value[^2..]}", m.Index, m.Index + m.Length, 0.85);

        foreach (Match m in DigitRunPattern().Matches(text))
        {
            if (!Free(m.Index, m.Index + m.Length)) continue;
            var digits = new string(m.Value.Where(char.IsDigit).ToArray());
            if (Classify(digits, m.Value, previous, text, m.Index) is { } hit) Add(hit.Type, hit.Value, m.Index, m.Index + m.Length, hit.Confidence);
        }
        foreach (var t in TemporalRecognizer.Recognize(text, previous))
            if (Free(t.Start, t.End)) Add(t.Type, t.Value, t.Start, t.End, t.Confidence);
        foreach (Match m in PlainNumberPattern().Matches(text))
            if (Free(m.Index, m.Index + m.Length)) Add("number", m.Value.Replace(",", "", StringComparison.Ordinal), m.Index, m.Index + m.Length, 0.7);
        return found;
    }

    private (string Type, string Value, double Confidence)? Classify(string digits, string raw, string previous, string text, int at)
    {
        var n = digits.Length;
        if (n is >= 13 and <= 19 && Luhn(digits)) return ("card_number", digits, 0.97);
        if (n is >= 13 and <= 19 && Cue(previous, text, at, CardCue())) return ("card_number", digits, 0.6);
        if (n == 9 && (SsnFormat().IsMatch(raw.Trim()) || Cue(previous, text, at, SsnCue()))) return ("ssn", digits, 0.9);
        if (n is 3 or 4 && Cue(previous, text, at, CvvCue())) return ("cvv", digits, 0.85);
        if (IdentifierCue(previous, text, at) is { } idType && n >= 4 && !(idType == "phone")) return (idType, digits, 0.85);
        if (n >= 7 && Cue(previous, text, at, PhoneCue()) && PossiblePhone(digits) is { } p1) return ("phone", p1, 0.9);
        if (n is 10 or 11 && PossiblePhone(digits) is { } p2) return ("phone", p2, 0.6);
        return null;
    }

    private string? PossiblePhone(string digits)
    {
        if (digits.Length == 7) return digits;
        try
        {
            var number = Phones.Parse(digits, defaultRegion);
            return Phones.IsPossibleNumber(number) ? number.NationalNumber.ToString(CultureInfo.InvariantCulture) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    internal static bool Luhn(string digits)
    {
        var sum = 0;
        var dbl = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (dbl) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /// <summary>The identifier type a cue right before the value (or in the previous utterance) names, e.g. "order number" → order_number.</summary>
    private static string? IdentifierCue(string previous, string text, int at)
    {
        var window = Window(previous, text, at);
        string? best = null;
        var bestPos = -1;
        foreach (Match m in IdentifierCuePattern().Matches(window))
        {
            if (m.Index < bestPos) continue;
            bestPos = m.Index;
            var head = m.Groups["kind"].Value.ToLowerInvariant().Replace("membership", "member", StringComparison.Ordinal).Replace(' ', '_');
            best = head switch
            {
                "phone" or "telephone" or "mobile" or "cell" => "phone",
                "booking" or "reference" or "ref" => "reference_number",
                _ => head + "_number",
            };
        }
        return best;
    }

    private static bool Cue(string previous, string text, int at, Regex cue) => cue.IsMatch(Window(previous, text, at));

    /// <summary>The previous utterance plus this one up to the value: where a speaker names what the digits are.</summary>
    private static string Window(string previous, string text, int at)
    {
        var before = text[..at];
        return before.Length >= 4 && LetterPattern().Count(before) >= 4 ? before : previous + " " + before;
    }

    private static string ContextOf(string previous, string text, int start, int end)
    {
        var after = text[end..];
        return (Window(previous, text, start) + " " + after).ToLowerInvariant();
    }

    private static string SpokenEmail(Match m) =>
        (m.Groups["user"].Value.Replace(" dot ", ".", StringComparison.OrdinalIgnoreCase).Replace(" ", "", StringComparison.Ordinal) + "@" +
         m.Groups["host"].Value.Replace(" dot ", ".", StringComparison.OrdinalIgnoreCase).Replace(" ", "", StringComparison.Ordinal)).ToLowerInvariant();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?<user>[a-z0-9]+(?: dot [a-z0-9]+)*) at (?<host>[a-z0-9]+(?: dot [a-z0-9]+)* dot (?:com|net|org|edu|gov|io|co|uk|us|ca|de))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpokenEmailPattern();

    [GeneratedRegex(@"(?<![\d/])(?<mm>0?[1-9]|1[0-2])\s*(?<sep>/|-|\s)\s*(?<yy>20\d{2}|\d{2})(?![\d/])")]
    private static partial Regex ExpiryPattern();

    [GeneratedRegex(@"(?<![\d.$])\d(?:[\d]|[ -](?=\d)){2,}(?![\d.,]\d)")]
    private static partial Regex DigitRunPattern();

    [GeneratedRegex(@"(?<![\w.$])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w])|(?<![\w.$])\d+(?:\.\d+)?(?!\w)")]
    private static partial Regex PlainNumberPattern();

    [GeneratedRegex(@"^\d{3}-\d{2}-\d{4}$")]
    private static partial Regex SsnFormat();

    [GeneratedRegex(@"\b(card( number)?|visa|mastercard|amex|long number on)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CardCue();

    [GeneratedRegex(@"\b(social security|social|ssn)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SsnCue();

    [GeneratedRegex(@"\b(security code|cvv|cvc|cvv2|three digit|3 digit|digits on the back|verification code)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CvvCue();

    [GeneratedRegex(@"\b(expir\w*|valid thru|valid through|exp date)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExpiryCue();

    [GeneratedRegex(@"\b(phone|telephone|mobile|cell|call you|reach you|call back|callback|contact number)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneCue();

    [GeneratedRegex(@"\b(?<kind>account|routing|policy|order|claim|confirmation|tracking|case|ticket|invoice|member|membership|customer|booking|reference|ref|meter|student|patient|reservation|phone|telephone|mobile|cell)\s*(?:number|no\.?|id|code|#)\b|\b(?<kind>booking|reference|order|account|policy|claim) is\b", RegexOptions.IgnoreCase)]
    private static partial Regex IdentifierCuePattern();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LetterPattern();
}
