using MagicHub.Prompts.Contracts;
using MagicHub.Transcription.Audio;

namespace MagicHub.Transcription.Engines;

/// <summary>A time-stamped, speaker-labelled stretch of the engine's raw words.</summary>
public sealed record EngineSegment(double Start, double End, string Speaker, string RawText, double Confidence);

/// <summary>What an engine heard; cloud LLM engines also name the domain and category in the same call.</summary>
public sealed record EngineResult(
    IReadOnlyList<EngineSegment> Segments,
    string Language,
    string Engine,
    int InputTokens = 0,
    int OutputTokens = 0,
    string? Domain = null,
    string? Category = null);

/// <summary>A speech-to-text engine; one is selected by <c>Transcription:Engine</c>.</summary>
public interface ISpeechEngine
{
    string Name { get; }

    Task<EngineResult> TranscribeAsync(AudioUpload upload, DecodedAudio audio, DomainCatalog catalog, CancellationToken cancellationToken);
}
