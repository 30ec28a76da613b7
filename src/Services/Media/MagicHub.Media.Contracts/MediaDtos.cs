using System.Text.Json.Serialization;

namespace MagicHub.Media.Contracts;

/// <summary>What a stored media item is for; decides the allow-list of content types and the size limit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MediaKind>))]
public enum MediaKind
{
    /// <summary>Call recordings and other audio (some audio-bearing containers such as MP4 and WebM included).</summary>
    Audio,

    /// <summary>Photos, scans and screenshots.</summary>
    Image,

    /// <summary>PDFs, office documents and text.</summary>
    Document,
}

/// <summary>A stored media item's metadata.</summary>
public sealed record MediaItemResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("kind")] MediaKind Kind,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("duration_seconds")] double? DurationSeconds,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("deduplicated")] bool Deduplicated);

/// <summary>A page of media items, newest first.</summary>
public sealed record MediaListResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<MediaItemResponse> Items,
    [property: JsonPropertyName("total")] int Total);

/// <summary>A short-lived URL that downloads one item without any other credential.</summary>
public sealed record SignedUrlResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

/// <summary>Body of <c>POST /media/uploads</c>: starts a resumable upload.</summary>
public sealed record CreateUploadRequest(
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("length")] long? Length,
    [property: JsonPropertyName("use")] MediaKind? Use);

/// <summary>State of a resumable upload; send the next chunk at <see cref="Offset"/>.</summary>
public sealed record UploadSessionResponse(
    [property: JsonPropertyName("upload_id")] Guid UploadId,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("length")] long? Length,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
