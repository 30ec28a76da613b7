using System.Text.Json.Serialization;

namespace MagicHub.Transcription.Transcribe;

/// <summary>The seed's JSON upload: the audio as hex (base64 is accepted too) and its MIME type or extension.</summary>
public sealed record TranscribeJsonRequest(
    [property: JsonPropertyName("file_bytes")] string? FileBytes,
    [property: JsonPropertyName("mime_type")] string? MimeType,
    [property: JsonPropertyName("file_name")] string? FileName = null);

/// <summary>One speaker turn: formatted text beside the engine's raw words.</summary>
public sealed record TranscriptSegment(
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End,
    [property: JsonPropertyName("speaker")] string Speaker,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("raw_text")] string RawText,
    [property: JsonPropertyName("confidence")] double Confidence);

/// <summary>
/// Stage-1 result: the seed's text form (<c>[00:00-00:05] Customer: Hello...</c>), segments, the call's domain and
/// category with the detection confidence, and token usage (<c>[input, output]</c>, zeros offline).
/// </summary>
public sealed record TranscriptionResponse(
    [property: JsonPropertyName("transcription")] string Transcription,
    [property: JsonPropertyName("segments")] IReadOnlyList<TranscriptSegment> Segments,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("duration_s")] double DurationSeconds,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("tokens_stage1")] IReadOnlyList<int> TokensStage1,
    [property: JsonPropertyName("engine")] string Engine);
