using System.Text.Json.Serialization;
using MagicHub.Messaging;

namespace MagicHub.Media.Contracts;

/// <summary>
/// Published once when a new audio item (a recording) is stored; not for a deduplicated re-upload.
/// <see cref="IntegrationEvent.TenantId"/> and <see cref="IntegrationEvent.OccurredAt"/> come from the base record.
/// </summary>
[EventType("recording.ingested")]
public sealed record RecordingIngested(
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("duration_seconds")] double? DurationSeconds) : IntegrationEvent;

/// <summary>Published once when a new image or document is stored.</summary>
[EventType("media.uploaded")]
public sealed record MediaUploaded(
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("kind")] MediaKind Kind,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("file_name")] string? FileName) : IntegrationEvent;

/// <summary>Source-generated JSON of the media events' payloads (what <c>AddMessaging&lt;…&gt;().AddEventJson</c> takes).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(RecordingIngested))]
[System.Text.Json.Serialization.JsonSerializable(typeof(MediaUploaded))]
public sealed partial class MediaEventsJson : System.Text.Json.Serialization.JsonSerializerContext;
