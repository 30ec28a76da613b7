using System.Text.Json.Serialization;

namespace MagicHub.Media.Contracts;

/// <summary>Published once when a new audio item (a recording) is stored; not for a deduplicated re-upload.</summary>
public sealed record RecordingIngested(
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("duration_seconds")] double? DurationSeconds,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset OccurredAt)
{
    /// <summary>The event's name on the messaging backbone.</summary>
    public const string EventName = "recording.ingested";
}

/// <summary>Published once when a new image or document is stored.</summary>
public sealed record MediaUploaded(
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("kind")] MediaKind Kind,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset OccurredAt)
{
    /// <summary>The event's name on the messaging backbone.</summary>
    public const string EventName = "media.uploaded";
}
