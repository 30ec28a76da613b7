using MagicHub.Media.Contracts;
using MagicHub.Security.Tenancy;

namespace MagicHub.Media.Uploads;

/// <summary>A resumable upload in progress; its bytes so far are in a staging file named by <see cref="Id"/>.</summary>
public sealed class UploadSession : ITenantOwned
{
    public Guid Id { get; set; }
    public required string TenantId { get; set; }
    public string? Owner { get; set; }
    public string? FileName { get; set; }
    public MediaKind? Use { get; set; }
    /// <summary>Total length announced at creation, when known.</summary>
    public long? Length { get; set; }
    /// <summary>Bytes received so far; the next chunk must start here.</summary>
    public long Offset { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The API shape.</summary>
    public UploadSessionResponse ToResponse() => new(Id, Offset, Length, ExpiresAt);
}
