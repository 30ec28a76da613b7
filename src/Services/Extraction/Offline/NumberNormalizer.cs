using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MagicHub.Extraction.Offline;

/// <summary>
/// Turns spoken numbers into digits ("five five five, three zero one" → "555301", "forty five dollars" → "45 dollars")
/// and keeps a map back to the original text, so recognizers can run on digits and still report original positions.
/// </summary>
public static partial class NumberNormalizer
{
    private static readonly Dictionary<string, (Kind Kind, int Value)> Words = BuildWords();

    public static NormalizedText Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pieces = new List<NormalizedText.Piece>();
        var last = 0;
        foreach (Match m in RunPattern().Matches(text))
        {
            var digits = Parse(m.Value);
            if (digits is null) continue;
            Append(text, last, m.Index, sb, pieces);
            pieces.Add(new(sb.Length, digits.Length, m.Index, m.Length, Replaced: true));
            sb.Append(digits);
            last = m.Index + m.Length;
        }
        Append(text, last, text.Length, sb, pieces);
        return new NormalizedText(text, sb.ToString(), pieces);
    }

    private static void Append(string text, int from, int to, StringBuilder sb, List<NormalizedText.Piece> pieces)
    {
        if (to <= from) return;
        pieces.Add(new(sb.Length, to - from, from, to - from, Replaced: false));
        sb.Append(text, from, to - from);
    }

    /// <summary>Digits for a run of number words, or null when the run should stay words (a lone "one", "oh").</summary>
    internal static string? Parse(string run)
    {
        var tokens = TokenPattern().Matches(run).Select(t => t.Value.ToLowerInvariant()).Where(t => t != "and").ToList();
        if (tokens.Count == 1 && tokens[0] is "one" or "oh" or "double" or "triple") return null;
        var parts = new List<string>();
        long total = 0, cur = 0;
        var any = false;
        var last = Kind.None;
        var repeat = 1;
        string suffix = "";
        void Flush()
        {
            if (any) parts.Add((total + cur).ToString(CultureInfo.InvariantCulture) + suffix);
            total = cur = 0; any = false; last = Kind.None; suffix = "";
        }
        foreach (var tok in tokens)
        {
            if (tok is "double" or "triple") { Flush(); repeat = tok == "double" ? 2 : 3; continue; }
            if (!Words.TryGetValue(tok, out var w)) continue;
            var kind = w.Kind == Kind.Ordinal ? (w.Value < 10 ? Kind.Unit : w.Value < 20 ? Kind.Teen : Kind.Ten) : w.Kind;
            var canContinue = any && suffix.Length == 0 && kind switch
            {
                Kind.Unit => w.Value != 0 && last is Kind.Ten or Kind.Hundred or Kind.Scale,
                Kind.Teen or Kind.Ten => last is Kind.Hundred or Kind.Scale,
                Kind.Hundred => last is Kind.Unit or Kind.Teen or Kind.Ten && cur is > 0 and < 100,
                Kind.Scale => last is Kind.Unit or Kind.Teen or Kind.Ten or Kind.Hundred,
                _ => false,
            };
            if (!canContinue) Flush();
            switch (kind)
            {
                case Kind.Hundred: cur = (cur == 0 ? 1 : cur) * 100; break;
                case Kind.Scale: total += (cur == 0 ? 1 : cur) * w.Value; cur = 0; break;
                default:
                    if (repeat > 1 && kind == Kind.Unit)
                    {
                        for (var i = 0; i < repeat - 1; i++) parts.Add(w.Value.ToString(CultureInfo.InvariantCulture));
                        repeat = 1;
                    }
                    cur += w.Value;
                    break;
            }
            any = true;
            last = kind;
            if (w.Kind == Kind.Ordinal) suffix = OrdinalSuffix(total + cur);
        }
        Flush();
        return parts.Count == 0 ? null : string.Concat(parts);
    }

    private static string OrdinalSuffix(long n) => (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };

    private enum Kind { None, Unit, Teen, Ten, Hundred, Scale, Ordinal }

    private static Dictionary<string, (Kind, int)> BuildWords()
    {
        var d = new Dictionary<string, (Kind, int)>(StringComparer.OrdinalIgnoreCase);
        string[] units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        for (var i = 0; i < units.Length; i++) d[units[i]] = (Kind.Unit, i);
        d["oh"] = (Kind.Unit, 0);
        string[] teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
        for (var i = 0; i < teens.Length; i++) d[teens[i]] = (Kind.Teen, 10 + i);
        string[] tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        for (var i = 0; i < tens.Length; i++) d[tens[i]] = (Kind.Ten, 20 + (10 * i));
        d["hundred"] = (Kind.Hundred, 100);
        d["thousand"] = (Kind.Scale, 1000);
        d["million"] = (Kind.Scale, 1_000_000);
        string[] ords = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
            "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"];
        for (var i = 0; i < ords.Length; i++) d[ords[i]] = (Kind.Ordinal, i + 1);
        d["thirtieth"] = (Kind.Ordinal, 30);
        return d;
    }

    private const string Num = "zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|double|triple";
    private const string Ord = "first|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth";

    // A run of number words joined by spaces, hyphens, commas or "and"; "second" only after a tens word (it is usually a time unit).
    [GeneratedRegex(@"\b(?:" + Num + "|" + Ord + @")(?:(?:\s*,\s*|\s+|-)(?:and\s+)?(?:" + Num + "|" + Ord + @"|(?<=(?:twenty|thirty)[\s-])second))*\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RunPattern();

    [GeneratedRegex(@"[a-zA-Z]+")]
    private static partial Regex TokenPattern();
}
