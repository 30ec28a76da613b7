using System.Text.Json.Serialization;

namespace MagicHub.Transcription.Transcribe;

/// <summary>
/// The seed's JSON upload: the audio as hex (base64 is accepted too) and its MIME type or extension; or a reference
/// to audio stored by the media service (<c>media_id</c>, tenant from <c>X-Tenant-Id</c> or <c>tenant_id</c>).
/// </summary>
public sealed record TranscribeJsonRequest(
    [property: JsonPropertyName("file_bytes")] string? FileBytes,
    [property: JsonPropertyName("mime_type")] string? MimeType,
    [property: JsonPropertyName("file_name")] string? FileName = null,
    [property: JsonPropertyName("media_id")] Guid? MediaId = null,
    [property: JsonPropertyName("tenant_id")] string? TenantId = null);

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
