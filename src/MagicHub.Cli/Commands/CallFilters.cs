using System.CommandLine;
using System.Globalization;

namespace MagicHub.Cli.Commands;

/// <summary>The filters of <c>calls list</c> and <c>calls export</c>, sent as the API's query parameters.</summary>
public sealed class CallFilters
{
    private readonly Option<string?> domain = new("--domain") { Description = "Only calls of this domain." };
    private readonly Option<string?> category = new("--category") { Description = "Only calls of this category." };
    private readonly Option<string?> sentiment = new("--sentiment") { Description = "Only calls with this sentiment (positive, neutral, negative)." };
    private readonly Option<DateTimeOffset?> from = new("--from") { Description = "Only calls created at or after this time (ISO 8601, e.g. 2025-01-31)." };
    private readonly Option<DateTimeOffset?> to = new("--to") { Description = "Only calls created before this time (ISO 8601)." };
    private readonly Option<string?> text = new("--q") { Description = "Words that must appear in the transcript or file name." };

    /// <summary>Adds the filter options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { domain, category, sentiment, from, to, text })
        {
            command.Add(option);
        }
    }

    /// <summary>The query parameters the parsed options ask for.</summary>
    public List<(string Name, string? Value)> Query(ParseResult parse) =>
    [
        ("domain", parse.GetValue(domain)),
        ("category", parse.GetValue(category)),
        ("sentiment", parse.GetValue(sentiment)),
        ("from", parse.GetValue(from)?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        ("to", parse.GetValue(to)?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        ("q", parse.GetValue(text)),
    ];

    /// <summary>"?a=1&amp;b=2" of the parameters that have a value, or "".</summary>
    public static string QueryString(IEnumerable<(string Name, string? Value)> parameters)
    {
        var pairs = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!.Trim())}").ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }
}
