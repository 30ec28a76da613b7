using System.Globalization;
using System.Text;
using System.Text.Json;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Offline;
using MagicHub.Extraction.Prompts;
using MagicHub.Extraction.Transcripts;
using MagicHub.Prompts.Contracts;

// Runs the offline extraction over the sample calls' reference transcripts and scores it against their ground truth.
// Usage: dotnet run --project bench/MagicHub.Bench.Extraction [-- <samples dir> <output.md>]
var dir = args.Length > 0 ? args[0] : "/work/shared/samples/calls";
var output = args.Length > 1 ? args[1] : Path.Combine("bench", "results", "extraction.md");
var analyzer = new OfflineAnalyzer(new EntityRecognizer());
var pairs = DomainCatalog.Default.Domains.SelectMany(d => d.Categories.Select(c => (d.Domain, c))).ToList();
var rows = new List<Row>();
var watch = System.Diagnostics.Stopwatch.StartNew();
foreach (var file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
{
    using var doc = JsonDocument.Parse(File.ReadAllText(file));
    var root = doc.RootElement;
    var segments = root.GetProperty("segments").EnumerateArray()
        .Select(s => new TranscriptSegment(s.GetProperty("speaker").GetString()!, s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(), s.GetProperty("text").GetString()!)).ToList();
    var domain = root.GetProperty("domain").GetString()!;
    var category = root.GetProperty("category").GetString()!;
    var transcript = Transcript.From(new ExtractRequest(null, segments, domain, category));
    // Domain/category: the keyword classifier over the whole catalog (the same data the transcription service's classifier uses).
    var best = IntentClassifier.Best(transcript.FullText, pairs);
    // Baseline measured in the same run: always the catalog's first pair.
    var baseline = (pairs[0].Domain, pairs[0].c.Category);
    var prompt = PromptSource.Fallback(domain, category);
    var result = analyzer.Analyze(transcript, prompt);
    var m = result.Metrics;
    var truthNames = new[] { root.GetProperty("agent").GetString()!, root.GetProperty("customer").GetString()! };
    var namesFound = (Eq(m.Names.Agent, truthNames[0]) ? 1 : 0) + (Eq(m.Names.Customer, truthNames[1]) ? 1 : 0);
    var truthPii = root.GetProperty("pii").EnumerateArray().Select(p => (Type: p.GetProperty("type").GetString()!, Value: p.GetProperty("value").GetString()!)).ToList();
    var matched = truthPii.Count(p => m.Pii.Any(d => d.Type == p.Type && d.ValueRedacted == Redactor.Redact(p.Type, p.Value)));
    var falsePositives = m.Pii.Count(d => !truthPii.Any(p => d.Type == p.Type && d.ValueRedacted == Redactor.Redact(p.Type, p.Value)));
    var fields = root.GetProperty("fields").EnumerateObject().ToList();
    var fieldsRight = fields.Count(f => FieldEquals(result.Data[f.Name]?.ToJsonString().Trim('"'), f.Value.GetString()));
    var truthSentiment = root.GetProperty("sentiment").GetString()!;
    rows.Add(new Row(root.GetProperty("id").GetString()!, $"{domain}/{category}", best is null ? "-" : $"{best.Domain}/{best.Category}",
        best?.Domain == domain, best?.Category == category, baseline.Domain == domain && baseline.Category == category,
        namesFound, 2, $"{m.Names.Agent} / {m.Names.Customer}", matched, truthPii.Count, falsePositives,
        m.SentimentIntent.Overall.Label, truthSentiment, m.CallDirection.Direction == root.GetProperty("direction").GetString(),
        fieldsRight, fields.Count, string.Join(", ", fields.Select(f => $"{f.Name}={result.Data[f.Name]?.ToJsonString() ?? "null"}"))));
}
var elapsed = watch.Elapsed;
var sb = new StringBuilder();
sb.AppendLine("# Extraction benchmark (offline engine, reference transcripts)").AppendLine();
sb.AppendLine(CultureInfo.InvariantCulture, $"Samples: `{dir}` ({rows.Count} calls), {elapsed.TotalMilliseconds / Math.Max(1, rows.Count):0.0} ms per call including warm-up.").AppendLine();
sb.AppendLine("| call | truth | classified | domain | category | names (agent / customer) | PII recall | PII FP | sentiment (got / truth) | direction | fields | values |");
sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in rows)
    sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Id} | {r.Truth} | {r.Classified} | {Ok(r.DomainOk)} | {Ok(r.CategoryOk)} | {r.Names}/{r.NamesTotal} ({r.NamesText}) | {r.PiiFound}/{r.PiiTotal} | {r.PiiFp} | {r.Sentiment} / {r.SentimentTruth} | {Ok(r.DirectionOk)} | {r.FieldsRight}/{r.FieldsTotal} | {r.Values} |");
double Pct(int a, int b) => b == 0 ? 100 : 100.0 * a / b;
sb.AppendLine();
sb.AppendLine("| overall | value |").AppendLine("|---|---|");
sb.AppendLine(CultureInfo.InvariantCulture, $"| domain accuracy | {Pct(rows.Count(r => r.DomainOk), rows.Count):0.0}% |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| category accuracy | {Pct(rows.Count(r => r.CategoryOk), rows.Count):0.0}% (baseline: always the first pair {Pct(rows.Count(r => r.BaselineOk), rows.Count):0.0}%) |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| names found | {rows.Sum(r => r.Names)}/{rows.Sum(r => r.NamesTotal)} ({Pct(rows.Sum(r => r.Names), rows.Sum(r => r.NamesTotal)):0.0}%) |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| PII recall | {rows.Sum(r => r.PiiFound)}/{rows.Sum(r => r.PiiTotal)} ({Pct(rows.Sum(r => r.PiiFound), rows.Sum(r => r.PiiTotal)):0.0}%) |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| PII false positives | {rows.Sum(r => r.PiiFp)} |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| sentiment accuracy | {Pct(rows.Count(r => r.Sentiment == r.SentimentTruth), rows.Count):0.0}% (baseline: always neutral {Pct(rows.Count(r => r.SentimentTruth == "neutral"), rows.Count):0.0}%) |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| direction accuracy | {Pct(rows.Count(r => r.DirectionOk), rows.Count):0.0}% |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| schema fields correct | {rows.Sum(r => r.FieldsRight)}/{rows.Sum(r => r.FieldsTotal)} ({Pct(rows.Sum(r => r.FieldsRight), rows.Sum(r => r.FieldsTotal)):0.0}%) |");
Console.WriteLine(sb.ToString());
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, sb.ToString());
return 0;

static string Ok(bool ok) => ok ? "yes" : "no";
static bool Eq(string? a, string b) => string.Equals(a?.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

// Ground truth is written as spoken ("9 am", "Dr. Evans", "45"); compare after normalizing numbers and times.
static bool FieldEquals(string? got, string? truth)
{
    if (got is null || truth is null) return false;
    static string Norm(string s)
    {
        var t = s.Trim().ToLowerInvariant().Replace("dr.", "doctor", StringComparison.Ordinal);
        var time = System.Text.RegularExpressions.Regex.Match(t, @"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$");
        if (time.Success && (time.Groups[2].Success || time.Groups[3].Success))
        {
            var h = int.Parse(time.Groups[1].Value, CultureInfo.InvariantCulture);
            if (time.Groups[3].Value == "pm" && h < 12) h += 12;
            return $"{h:00}:{(time.Groups[2].Success ? time.Groups[2].Value : "00")}";
        }
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : t;
    }
    return Norm(got) == Norm(truth);
}

internal sealed record Row(string Id, string Truth, string Classified, bool DomainOk, bool CategoryOk, bool BaselineOk, int Names, int NamesTotal, string NamesText,
    int PiiFound, int PiiTotal, int PiiFp, string Sentiment, string SentimentTruth, bool DirectionOk, int FieldsRight, int FieldsTotal, string Values);
