using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MagicHub.Transcription.Formatting;

/// <summary>
/// Smart formatting of recognizer words: numbers and digit strings to digits, money, percentages, times, dates,
/// e-mail addresses, capitalization of sentence starts, days, months and "I".
/// </summary>
public static partial class InverseTextNormalizer
{
    private static readonly Dictionary<string, string> Currencies = new(StringComparer.Ordinal)
    {
        ["dollars"] = "$", ["dollar"] = "$", ["bucks"] = "$", ["euros"] = "€", ["euro"] = "€", ["pounds"] = "£",
    };

    // Units that make a lone small number a quantity ("three business days" → "3 business days").
    private static readonly HashSet<string> CountedUnits = new(StringComparer.Ordinal)
    {
        "days", "weeks", "months", "years", "hours", "minutes", "seconds", "business", "working", "times", "items", "nights", "percent",
    };

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["dr"] = "Dr.", ["mr"] = "Mr.", ["mrs"] = "Mrs.", ["ms"] = "Ms.",
    };

    /// <summary>Formats one segment of raw words (any punctuation already present is kept).</summary>
    public static string Format(string raw)
    {
        var tokens = Tokenize(raw);
        var words = tokens.Select(t => t.Core.ToLowerInvariant()).ToList();
        var output = new List<string>();
        for (var i = 0; i < tokens.Count;)
        {
            var consumed = TryEmail(words, i, out var email) ? email.Consumed : 0;
            if (consumed > 0)
            {
                output.Add(email.Text + tokens[i + consumed - 1].Trailing);
                i += consumed;
                continue;
            }

            if (TryOrdinal(words, i, out var ordinal, out var ordinalLength))
            {
                output.Add(tokens[i].Leading + ordinal + tokens[i + ordinalLength - 1].Trailing);
                i += ordinalLength;
                continue;
            }

            var number = NumberParser.Parse(words, i);
            if (number.Consumed > 0 && !IsLoneSmallNumber(words, i, number))
            {
                var (text, extra) = Render(words, i, number);
                var last = i + number.Consumed + extra - 1;
                output.Add(tokens[i].Leading + text + tokens[last].Trailing);
                i = last + 1;
                continue;
            }

            var dateMonth = NumberWords.Months.Contains(words[i]) && i + 1 < words.Count
                && (NumberWords.Ordinals.ContainsKey(words[i + 1]) || NumberWords.IsNumberWord(words[i + 1]));
            var cased = dateMonth ? char.ToUpperInvariant(words[i][0]) + words[i][1..] : Case(tokens[i].Core, words[i]);
            output.Add(tokens[i].Leading + cased + tokens[i].Trailing);
            i++;
        }

        var formatted = Capitalize(string.Join(' ', output));
        return formatted.Length > 0 && (char.IsLetterOrDigit(formatted[^1]) || formatted[^1] == '%') ? formatted + "." : formatted;
    }

    private static (string Text, int ExtraWords) Render(List<string> words, int start, NumberParser.Result number)
    {
        var next = start + number.Consumed;
        var after = next < words.Count ? words[next] : "";
        var single = number.Chunks.Count == 1;
        if (Currencies.TryGetValue(after, out var symbol) && single)
        {
            var amount = $"{symbol}{number.Chunks[0].ToString("#,0", CultureInfo.InvariantCulture)}";
            if (next + 2 < words.Count && words[next + 1] == "and" && NumberParser.Parse(words, next + 2) is { Consumed: > 0, Chunks.Count: 1 } cents
                && cents.Chunks[0] < 100 && next + 2 + cents.Consumed < words.Count && words[next + 2 + cents.Consumed] is "cents" or "cent")
            {
                return ($"{amount}.{cents.Chunks[0]:00}", 3 + cents.Consumed);
            }

            return (amount, 1);
        }

        if (after == "percent")
        {
            return (number.Digits + "%", 1);
        }

        var meridiem = after is "am" or "pm" ? after : after is "a" or "p" && next + 1 < words.Count && words[next + 1] == "m" ? after + "m" : null;
        if (meridiem is not null || after == "o'clock")
        {
            var extra = meridiem is null ? 1 : after.Length == 1 ? 2 : 1;
            var clock = number.Chunks is [var h, var m] && h <= 12 && m < 60 ? $"{h}:{m:00}" : number.Chunks is [var hour] && hour <= 12 ? $"{hour}" : number.Digits;
            if (meridiem is null)
            {
                return (clock.Contains(':', StringComparison.Ordinal) ? clock : clock + ":00", extra);
            }

            return ($"{clock} {meridiem}", extra);
        }

        if (single && number.UsedScale && number.Chunks[0] >= 10_000)
        {
            return (number.Chunks[0].ToString("#,0", CultureInfo.InvariantCulture), 0);
        }

        return (number.Digits, 0);
    }

    // A lone "one".."nine" stays a word ("one moment", "the one I ordered") unless a unit or time follows.
    private static bool IsLoneSmallNumber(List<string> words, int i, NumberParser.Result number)
    {
        if (number.Chunks is not [var value] || value >= 10 || number.Consumed != 1)
        {
            return false;
        }

        var after = i + 1 < words.Count ? words[i + 1] : "";
        var before = i > 0 ? words[i - 1] : "";
        var spelledMeridiem = after is "p" or "a" && i + 2 < words.Count && words[i + 2] == "m";
        return !(Currencies.ContainsKey(after) || after is "percent" or "am" or "pm" or "o'clock" || spelledMeridiem || CountedUnits.Contains(after)
            || before is "at" or "number" or "extension" or "room" or "option" or "press");
    }

    private static bool TryOrdinal(List<string> words, int i, out string text, out int length)
    {
        (text, length) = ("", 0);
        int value;
        if (NumberWords.Tens.TryGetValue(words[i], out var tens) && i + 1 < words.Count && NumberWords.Ordinals.TryGetValue(words[i + 1], out var unit) && unit < 10)
        {
            (value, length) = (tens + unit, 2);
        }
        else if (NumberWords.Ordinals.TryGetValue(words[i], out value))
        {
            length = 1;
        }
        else
        {
            return false;
        }

        var before = i > 0 ? words[i - 1] : "";
        var dateContext = NumberWords.Months.Contains(before) || before == "the" && i + length < words.Count && words[i + length] == "of";
        if (!dateContext || value > 31)
        {
            return false;
        }

        text = NumberWords.Months.Contains(before) ? value.ToString(CultureInfo.InvariantCulture) : value + Suffix(value);
        return true;
    }

    private static string Suffix(int n) => (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };

    private static string Case(string core, string lower)
    {
        if (Titles.TryGetValue(lower, out var title))
        {
            return title;
        }

        if (lower is "i" or "i'm" or "i'll" or "i've" or "i'd" || NumberWords.ProperWords.Contains(lower))
        {
            return char.ToUpperInvariant(core[0]) + core[1..];
        }

        return core;
    }

    private static string Capitalize(string text)
    {
        var sb = new StringBuilder(text);
        var start = true;
        for (var i = 0; i < sb.Length; i++)
        {
            if (start && char.IsLetter(sb[i]))
            {
                sb[i] = char.ToUpperInvariant(sb[i]);
                start = false;
            }
            else if (char.IsLetterOrDigit(sb[i]))
            {
                start = false;
            }
            else if (sb[i] is '.' or '?' or '!' && (i + 1 == sb.Length || sb[i + 1] == ' ') && !EndsWithTitle(sb, i))
            {
                start = true;
            }
        }

        return sb.ToString();
    }

    private static bool EndsWithTitle(StringBuilder sb, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsLetter(sb[start - 1]))
        {
            start--;
        }

        return sb.ToString(start, dot - start) is "Dr" or "Mr" or "Mrs" or "Ms";
    }

    /// <summary>"jane dot doe at example dot com" → jane.doe@example.com (the domain must end in a known top-level domain).</summary>
    private static bool TryEmail(List<string> words, int i, out (int Consumed, string Text) email)
    {
        email = default;
        var local = new StringBuilder(words[i]);
        var j = i + 1;
        while (j + 1 < words.Count && words[j] is "dot" or "underscore" or "dash" && IsPlainWord(words[j + 1]))
        {
            local.Append(words[j] switch { "dot" => '.', "underscore" => '_', _ => '-' }).Append(words[j + 1]);
            j += 2;
        }

        if (!IsPlainWord(words[i]) || j >= words.Count || words[j] != "at")
        {
            return false;
        }

        var domain = new List<string>();
        var k = j + 1;
        if (k < words.Count && IsPlainWord(words[k]))
        {
            domain.Add(words[k++]);
            while (k + 1 < words.Count && words[k] == "dot" && IsPlainWord(words[k + 1]))
            {
                domain.Add(words[k + 1]);
                k += 2;
            }
        }

        if (domain.Count < 2 || !NumberWords.TopLevelDomains.Contains(domain[^1]))
        {
            return false;
        }

        email = (k - i, $"{local}@{string.Join('.', domain)}");
        return true;
    }

    private static bool IsPlainWord(string w) => w.Length > 0 && w.All(char.IsLetterOrDigit) && w is not ("at" or "dot");

    private sealed record Token(string Leading, string Core, string Trailing);

    private static List<Token> Tokenize(string raw) =>
        [.. raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t =>
        {
            var m = TokenPattern().Match(t);
            return m.Success ? new Token(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value) : new Token("", t, "");
        })];

    [GeneratedRegex(@"^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}']*)$")]
    private static partial Regex TokenPattern();
}
