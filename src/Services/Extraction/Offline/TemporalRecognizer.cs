using System.Globalization;
using System.Text.RegularExpressions;

namespace MagicHub.Extraction.Offline;

/// <summary>Money amounts, dates (weekdays, relative days, month + day, numeric) and times (9 am, 14:30, noon) in normalized text.</summary>
public static partial class TemporalRecognizer
{
    public readonly record struct Hit(string Type, string Value, int Start, int End, double Confidence);

    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static IEnumerable<Hit> Recognize(string text, string previous)
    {
        foreach (Match m in MoneyPattern().Matches(text))
        {
            var amount = m.Groups["a1"].Success ? m.Groups["a1"].Value : m.Groups["a2"].Value;
            var value = decimal.Parse(amount.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            if (m.Groups["cents"].Success) value += decimal.Parse(m.Groups["cents"].Value, CultureInfo.InvariantCulture) / 100m;
            if (m.Groups["unit"].Value.StartsWith("cent", StringComparison.OrdinalIgnoreCase)) value /= 100m;
            yield return new("money", value.ToString("0.##", CultureInfo.InvariantCulture), m.Index, m.Index + m.Length, 0.9);
        }
        foreach (Match m in TimePattern().Matches(text))
        {
            if (TimeValue(m) is { } t) yield return new("time", t, m.Index, m.Index + m.Length, 0.9);
        }
        foreach (Match m in BareTimePattern().Matches(text))
        {
            var h = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            var min = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (h is >= 1 and <= 12 && min < 60 && (DayWord().IsMatch(text) || DayWord().IsMatch(previous) || TimeCue().IsMatch(text)))
            {
                var g = m.Groups["num"];
                yield return new("time", $"{(h < 7 ? h + 12 : h):00}:{min:00}", g.Index, g.Index + g.Length, 0.6);
            }
        }
        foreach (Match m in DatePattern().Matches(text)) yield return new("date", DateValue(m), m.Index, m.Index + m.Length, 0.85);
    }

    private static string? TimeValue(Match m)
    {
        if (m.Groups["word"].Success) return m.Groups["word"].Value.Equals("noon", StringComparison.OrdinalIgnoreCase) ? "12:00" : "00:00";
        var num = m.Groups["h"].Value;
        int h, min = 0;
        if (m.Groups["m"].Success) { h = int.Parse(num, CultureInfo.InvariantCulture); min = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture); }
        else if (num.Length >= 3) { h = int.Parse(num[..^2], CultureInfo.InvariantCulture); min = int.Parse(num[^2..], CultureInfo.InvariantCulture); }
        else h = int.Parse(num, CultureInfo.InvariantCulture);
        var mer = m.Groups["mer"].Value.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
        if (mer.StartsWith('p') && h < 12) h += 12;
        if (mer.StartsWith('a') && h == 12) h = 0;
        if (mer is "" or "oclock" or "o'clock" && h is >= 1 and < 7) h += 12;
        if (m.Groups["part"].Success)
        {
            var part = m.Groups["part"].Value.ToLowerInvariant();
            if (part is "afternoon" or "evening" or "night" && h < 12) h += 12;
        }
        return h is >= 0 and < 24 && min < 60 ? $"{h:00}:{min:00}" : null;
    }

    private static string DateValue(Match m)
    {
        if (m.Groups["rel"].Success) return m.Groups["rel"].Value.ToLowerInvariant();
        if (m.Groups["wd"].Success) return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(m.Groups["wd"].Value.ToLowerInvariant());
        if (m.Groups["mon"].Success || m.Groups["mon2"].Success)
        {
            var name = (m.Groups["mon"].Success ? m.Groups["mon"].Value : m.Groups["mon2"].Value).ToLowerInvariant();
            var month = Array.FindIndex(Months, x => x.StartsWith(name[..3], StringComparison.Ordinal)) + 1;
            var day = int.Parse(m.Groups["d"].Success ? m.Groups["d"].Value : m.Groups["d2"].Value, CultureInfo.InvariantCulture);
            var year = m.Groups["y"].Success ? m.Groups["y"].Value : m.Groups["y2"].Success ? m.Groups["y2"].Value : null;
            return year is null ? $"--{month:00}-{day:00}" : $"{year}-{month:00}-{day:00}";
        }
        var a = int.Parse(m.Groups["n1"].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(m.Groups["n2"].Value, CultureInfo.InvariantCulture);
        var y = m.Groups["n3"].Value;
        if (y.Length == 2) y = "20" + y;
        return a > 12 ? $"{y}-{b:00}-{a:00}" : $"{y}-{a:00}-{b:00}";
    }

    [GeneratedRegex(@"\$\s?(?<a1>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<cents>\d{2}))?|(?<![\w.])(?<a2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<unit>dollars?|bucks|usd|euros?|pounds?|cents?)(?:\s+and\s+(?<cents>\d{1,2})\s+cents?)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"\b(?<word>noon|midnight)\b|(?<![\w:$])(?<h>\d{1,4})(?::(?<m>[0-5]\d))?\s*(?<mer>a\.?\s?m\b\.?|p\.?\s?m\b\.?|o'?clock\b)(?:\s+in\s+the\s+(?<part>morning|afternoon|evening))?|(?<![\w:$])(?<h>\d{1,2}):(?<m>[0-5]\d)(?!\d)(?:\s+in\s+the\s+(?<part>morning|afternoon|evening))?", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();

    // "at 9" / "at 9 30" without am/pm: a time only when the talk is about days or times.
    [GeneratedRegex(@"\b(?:at|by|around|from|until)\s+(?<num>(?<h>\d{1,2})(?:[: ](?<m>[0-5]\d))?)(?!\s*(?:a\.?m|p\.?m|o'?clock|%|percent|dollars|days?|weeks?|months?|years?|\d))\b", RegexOptions.IgnoreCase)]
    private static partial Regex BareTimePattern();

    [GeneratedRegex(@"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|morning|afternoon|evening|appointment|schedule|book)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayWord();

    [GeneratedRegex(@"\b(time|o'clock|slot|opening)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimeCue();

    [GeneratedRegex(@"\b(?<rel>(?:the\s+)?day after tomorrow|today|tomorrow|tonight|yesterday|(?:next|this|last)\s+(?:week|month|year))\b|\b(?:(?:next|this|last|on)\s+)?(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?<mon>jan(?:uary)?|feb(?:ruary)?|march|mar|april|apr|may|june|jun|july|jul|august|aug|sept(?:ember)?|sep|october|oct|november|nov|december|dec)\.?\s+(?:the\s+)?(?<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?<y>(?:19|20)\d{2}))?|\b(?:the\s+)?(?<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon2>january|february|march|april|may|june|july|august|september|october|november|december)\b(?:,?\s+(?<y2>(?:19|20)\d{2}))?|(?<![\d/])(?<n1>[0-3]?\d)[/.-](?<n2>[0-3]?\d)[/.-](?<n3>(?:19|20)?\d{2})(?![\d/])", RegexOptions.IgnoreCase)]
    private static partial Regex DatePattern();
}
