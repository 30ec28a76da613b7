using System.Globalization;
using MagicHub.Transcription.Audio;
using MagicHub.Transcription.Domains;
using MagicHub.Transcription.Engines;
using MagicHub.Transcription.Formatting;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Transcribe;

/// <summary>Decode → engine → smart formatting → domain detection, for one spooled upload.</summary>
public sealed class TranscriptionPipeline(
    FfmpegDecoder decoder, ISpeechEngine engine, DomainCatalogClient catalogs, IOptions<TranscriptionOptions> options)
{
    public async Task<TranscriptionResponse> TranscribeAsync(AudioUpload upload, CancellationToken cancellationToken)
    {
        var audio = await decoder.DecodeAsync(upload, cancellationToken);
        var (catalog, classifier) = await catalogs.GetAsync(cancellationToken);
        var result = await engine.TranscribeAsync(upload, audio, catalog, cancellationToken);
        var segments = result.Segments
            .Select(s => new TranscriptSegment(Math.Round(s.Start, 2), Math.Round(s.End, 2), s.Speaker, InverseTextNormalizer.Format(s.RawText), s.RawText, s.Confidence))
            .ToList();

        var fromEngine = result.Domain is { } d && result.Category is { } c
            && catalog.Domains.Any(x => x.Domain == d && x.Categories.Any(y => y.Category == c));
        var guess = fromEngine
            ? new DomainGuess(result.Domain!, result.Category!, 0.9)
            : classifier.Classify(string.Join(' ', segments.Select(s => s.Text)), options.Value.MinDomainConfidence);

        return new TranscriptionResponse(
            string.Join('\n', segments.Select(Line)),
            segments,
            result.Language,
            Math.Round(audio.DurationSeconds, 2),
            guess.Domain,
            guess.Category,
            guess.Confidence,
            [result.InputTokens, result.OutputTokens],
            result.Engine);
    }

    /// <summary>The seed's line form: <c>[00:00-00:05] Customer: Hello...</c>.</summary>
    public static string Line(TranscriptSegment s) => $"[{Clock(s.Start)}-{Clock(s.End)}] {s.Speaker}: {s.Text}";

    private static string Clock(double seconds)
    {
        var total = (int)Math.Floor(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{total / 60:00}:{total % 60:00}");
    }
}
