using MagicHub.Media.Contracts;
using MagicHub.Security.Tenancy;

namespace MagicHub.Media.Media;

/// <summary>One stored blob's metadata; the blob itself lives in the configured store under <see cref="ObjectKey"/>.</summary>
public sealed class MediaItem : ITenantOwned
{
    public Guid Id { get; set; }
    public required string TenantId { get; set; }
    public string? Owner { get; set; }
    public MediaKind Kind { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Lower-case hex SHA-256 of the content; unique per tenant (dedupe).</summary>
    public required string Sha256 { get; set; }
    /// <summary>Generated key in the blob store; never derived from the client's file name.</summary>
    public required string ObjectKey { get; set; }
    /// <summary>The client's file name, sanitized, for display and downloads only.</summary>
    public string? FileName { get; set; }
    public double? DurationSeconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The API shape.</summary>
    public MediaItemResponse ToResponse(bool deduplicated = false) =>
        new(Id, TenantId, Owner, Kind, ContentType, Size, Sha256, FileName, DurationSeconds, CreatedAt, deduplicated);
}
