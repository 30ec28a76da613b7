using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MagicHub.Bench.Transcription;
using MagicHub.Prompts.Contracts;
using MagicHub.Transcription;
using MagicHub.Transcription.Audio;
using MagicHub.Transcription.Domains;
using MagicHub.Transcription.Formatting;
using MagicHub.Transcription.Engines.PocketSphinx;
using MagicHub.Transcription.Vad;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

// usage: MagicHub.Bench.Transcription [samples-dir] [results-file]
var samples = args.Length > 0 ? args[0] : "/work/shared/samples/calls";
var resultsFile = args.Length > 1 ? args[1] : Path.Combine("bench", "results", "transcription.md");
var options = new TranscriptionOptions();
// Decoder settings can be tried without a rebuild: e.g. PocketSphinx__FlatLexiconPass=true, PocketSphinx__MaxHmmsPerFrame=3000.
var psOptions = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddEnvironmentVariables().Build()
    .GetSection("PocketSphinx").Get<PocketSphinxOptions>() ?? new PocketSphinxOptions();
using var pool = new DecoderPool(Options.Create(psOptions));
IVoiceActivityDetector vad = File.Exists(options.VadModelPath) ? new SileroVad(options.VadModelPath) : new EnergyVad();
var engine = new PocketSphinxEngine(pool, vad, Options.Create(options));
var decoder = new FfmpegDecoder(Options.Create(options));

var classifier = new DomainClassifier(DomainCatalog.Default);
var warm = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, pool.Size).Select(_ => pool.RunAsync(d => d.Decode(new short[1600], default), default)));
warm.Stop();

var rows = new List<string>();
var totals = new Dictionary<string, (int Errors, int Words, double Wall, double Cpu, double Audio)>();
foreach (var truthPath in Directory.GetFiles(samples, "*.json").Order())
{
    using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(truthPath));
    var id = truth.RootElement.GetProperty("id").GetString()!;
    var turns = truth.RootElement.GetProperty("segments").EnumerateArray()
        .Select(s => (Speaker: s.GetProperty("speaker").GetString()!, Text: s.GetProperty("text").GetString()!)).ToList();
    var truthDomain = (truth.RootElement.GetProperty("domain").GetString(), truth.RootElement.GetProperty("category").GetString());
    var expectedNumbers = truth.RootElement.GetProperty("pii").EnumerateArray().Select(p => p.GetProperty("value").GetString()!)
        .Concat(truth.RootElement.GetProperty("fields").EnumerateObject().Select(f => f.Value.ToString()).Where(v => v.Length > 0 && v.All(char.IsDigit)))
        .ToList();
    string Said(string? speaker) => string.Join(' ', turns.Where(t => speaker is null || t.Speaker == speaker).Select(t => t.Text));

    foreach (var (file, channels) in new[] { (id + ".stereo.wav", 2), (id + ".mono.mp3", 1) })
    {
        var path = Path.Combine(samples, file);
        var cpu = CpuClock.Now();
        var sw = Stopwatch.StartNew();
        var audio = await decoder.DecodeAsync(new AudioUpload(path, new FileInfo(path).Length, null, "audio/wav", file), default);
        var result = await engine.TranscribeAsync(null!, audio, DomainCatalog.Default, default);
        var oursWall = sw.Elapsed.TotalSeconds;
        var oursCpu = CpuClock.Now() - cpu;

        // Stereo is scored per channel (one party each), mono as one word stream, identically for both systems.
        var references = channels == 2 ? new[] { Said("agent"), Said("customer") } : [Said(null)];
        var ours = channels == 2
            ? Speakers.Both.Select(s => string.Join(' ', result.Segments.Where(x => x.Speaker == s).Select(x => x.RawText))).ToArray()
            : [string.Join(' ', result.Segments.Select(x => x.RawText))];
        cpu = CpuClock.Now();
        sw.Restart();
        var cli = new string[channels];
        for (var c = 0; c < channels; c++)
        {
            cli[c] = await Cli.RunAsync(path, channels == 2 ? c : null);
        }

        var cliWall = sw.Elapsed.TotalSeconds;
        var cliCpu = CpuClock.Now() - cpu;
        var (oursErr, words) = Score(references, ours);
        var (cliErr, _) = Score(references, cli);
        var turnsOk = channels == 2 ? $"{TurnOrder(turns.Select(t => t.Speaker).ToList(), result.Segments.Select(s => s.Speaker.ToLowerInvariant()).ToList())}" : "-";
        var speakerOk = channels == 1 ? $"{TurnOrder(turns.Select(t => t.Speaker).ToList(), result.Segments.Select(s => s.Speaker.ToLowerInvariant()).ToList())}" : "-";
        var formatted = string.Join(' ', result.Segments.Select(x => InverseTextNormalizer.Format(x.RawText))).Replace(",", "", StringComparison.Ordinal);
        var found = expectedNumbers.Count(n => formatted.Contains(n, StringComparison.Ordinal));
        var guess = classifier.Classify(formatted, options.MinDomainConfidence);
        var domainOk = (guess.Domain, guess.Category) == truthDomain ? "ok" : $"{guess.Domain}/{guess.Category}";
        rows.Add($"| {file} | {audio.DurationSeconds:0.0} | {Pct(oursErr, words)} | {Pct(cliErr, words)} | {oursWall / audio.DurationSeconds:0.000} | {cliWall / audio.DurationSeconds:0.000} | {oursCpu / channels / audio.DurationSeconds:0.000} | {cliCpu / channels / audio.DurationSeconds:0.000} | {turnsOk} | {speakerOk} | {found}/{expectedNumbers.Count} | {domainOk} ({guess.Confidence:0.00}) |");
        Add(channels == 2 ? "stereo" : "mono", oursErr, words, oursWall, oursCpu / channels, audio.DurationSeconds, "ours");
        Add(channels == 2 ? "stereo" : "mono", cliErr, words, cliWall, cliCpu / channels, audio.DurationSeconds, "cli");
        Console.Error.WriteLine($"{file}: ours {Pct(oursErr, words)} cli {Pct(cliErr, words)}");
    }
}

var md = new StringBuilder();
md.AppendLine("# Transcription benchmark: in-process PocketSphinx vs `pocketsphinx_continuous`");
md.AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"Samples: `{samples}`; {Environment.ProcessorCount} cores; decoder pool {pool.Size} (warm-up {warm.Elapsed.TotalSeconds:0.00} s, not counted).");
md.AppendLine(CultureInfo.InvariantCulture, $"Decoder: flat-lexicon pass {(psOptions.FlatLexiconPass ? "on" : "off")}, maxhmmpf {psOptions.MaxHmmsPerFrame}, maxwpf {psOptions.MaxWordsPerFrame}, digits pass {(psOptions.DigitGrammarRescoring ? "on" : "off")}, adaptation reset per stream {(psOptions.FreshDecoderPerStream ? "on" : "off")}; the CLI runs with its defaults.");
md.AppendLine("WER on raw words (stereo scored per channel, mono as one stream); RTF = wall time / audio duration, including ffmpeg decoding for both");
md.AppendLine("(our two stereo channels decode in parallel, the CLI's one after the other); CPU/ch = processor time (user + system, ours plus its ffmpeg child;");
md.AppendLine("the CLI's ffmpeg and pocketsphinx processes) / channels / audio duration: the per-channel real-time factor, steady when the machine is busy;");
md.AppendLine("the CLI runs once per channel with its model load, as a user of the CLI would. Turns = Agent/Customer speaker sequence matching the truth (stereo); speakers = same for mono pitch labelling.");
md.AppendLine();
md.AppendLine("Numbers = spoken card/phone/order numbers and amounts of the ground truth found as digits in our formatted text; domain = offline classifier vs the truth's domain/category.");
md.AppendLine();
md.AppendLine("| file | audio s | WER ours | WER CLI | RTF ours | RTF CLI | CPU/ch ours | CPU/ch CLI | stereo turns | mono speakers | numbers as digits | domain/category |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|");
rows.ForEach(r => md.AppendLine(r));
foreach (var kind in new[] { "stereo", "mono" })
{
    var o = totals[kind + "ours"];
    var c = totals[kind + "cli"];
    md.AppendLine(CultureInfo.InvariantCulture, $"| **all {kind}** | {o.Audio:0.0} | **{Pct(o.Errors, o.Words)}** | **{Pct(c.Errors, c.Words)}** | **{o.Wall / o.Audio:0.000}** | **{c.Wall / c.Audio:0.000}** | **{o.Cpu / o.Audio:0.000}** | **{c.Cpu / c.Audio:0.000}** | | | | |");
}

Console.WriteLine(md);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(resultsFile))!);
await File.WriteAllTextAsync(resultsFile, md.ToString());
Console.Error.WriteLine("written " + Path.GetFullPath(resultsFile));
return;

(int Errors, int Words) Score(string[] references, string[] hypotheses)
{
    var errors = 0;
    var words = 0;
    for (var i = 0; i < references.Length; i++)
    {
        var r = WordErrorRate.Words(references[i]);
        errors += WordErrorRate.Errors(r, WordErrorRate.Words(hypotheses[i]));
        words += r.Length;
    }

    return (errors, words);
}

void Add(string kind, int errors, int words, double wall, double cpuPerChannel, double duration, string who)
{
    var key = kind + who;
    var t = totals.GetValueOrDefault(key);
    totals[key] = (t.Errors + errors, t.Words + words, t.Wall + wall, t.Cpu + cpuPerChannel, t.Audio + duration);
}

static string Pct(int errors, int words) => (100.0 * errors / Math.Max(1, words)).ToString("0.0", CultureInfo.InvariantCulture) + "%";

// Matching speaker sequence after collapsing consecutive same-speaker segments: "ok" or "k/n turns".
static string TurnOrder(List<string> truth, List<string> hypothesis)
{
    static List<string> Collapse(List<string> s) => [.. s.Where((x, i) => i == 0 || s[i - 1] != x)];
    var t = Collapse(truth);
    var h = Collapse(hypothesis);
    var same = t.Zip(h).Count(p => p.First == p.Second);
    return t.SequenceEqual(h) ? $"ok ({t.Count})" : $"{same}/{t.Count} (got {h.Count})";
}

internal static class Speakers
{
    public static readonly string[] Both = ["Agent", "Customer"];
}
