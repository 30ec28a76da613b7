using System.ComponentModel.DataAnnotations;
using MagicHub.Media.Contracts;

namespace MagicHub.Media;

/// <summary>Where blobs are kept.</summary>
public enum StorageBackend
{
    /// <summary>Files under <c>{Data:Directory}/blobs</c> (embedded default).</summary>
    FileSystem,

    /// <summary>An S3-compatible object store (AWS S3, MinIO), section <c>Media:S3</c>.</summary>
    S3,
}

/// <summary>Settings of the media service (section <c>Media</c>).</summary>
public sealed class MediaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Media";

    /// <summary><c>FileSystem</c> (default) or <c>S3</c>.</summary>
    public StorageBackend Storage { get; set; } = StorageBackend.FileSystem;

    /// <summary>Blob folder of the filesystem backend; default <c>{Data:Directory}/blobs</c>.</summary>
    public string? BlobDirectory { get; set; }

    /// <summary>Staging folder of resumable uploads; default <c>{Data:Directory}/uploads</c>.</summary>
    public string? UploadDirectory { get; set; }

    /// <summary>Size limits per media kind, in bytes.</summary>
    [Required]
    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public KindLimits Limits { get; set; } = new();

    /// <summary>Per-tenant overrides (limit, retention), keyed by tenant id.</summary>
    public Dictionary<string, TenantPolicy> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Days after which media is deleted for tenants without their own policy; 0 keeps media forever.</summary>
    [Range(0, 36500)]
    public int DefaultRetentionDays { get; set; }

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an unfinished resumable upload is kept.</summary>
    public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>HMAC key of signed download URLs (at least 32 characters); a random per-process key when unset.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of a signed URL when the caller does not ask for one.</summary>
    [Range(1, 86400)]
    public int SignedUrlSeconds { get; set; } = 300;

    /// <summary>
    /// Interim service-to-service access: requests without a token may name their tenant in <c>X-Tenant-Id</c>
    /// (the calls and transcription services do). Keep the media service off the public network while this is on.
    /// </summary>
    public bool AllowTenantHeader { get; set; } = true;

    /// <summary>The S3 backend's settings.</summary>
    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>The effective limit for <paramref name="kind"/> in <paramref name="tenant"/>.</summary>
    public long LimitFor(MediaKind kind, string tenant)
    {
        var limit = Limits.For(kind);
        return Tenants.TryGetValue(tenant, out var policy) && policy.MaxUploadBytes is { } tenantLimit ? Math.Min(limit, tenantLimit) : limit;
    }

    /// <summary>The largest upload any kind allows in <paramref name="tenant"/>; used before the kind is known.</summary>
    public long LargestLimit(string tenant) => Enum.GetValues<MediaKind>().Max(kind => LimitFor(kind, tenant));

    /// <summary>Retention in days for <paramref name="tenant"/>; 0 keeps forever.</summary>
    public int RetentionDaysFor(string tenant) =>
        Tenants.TryGetValue(tenant, out var policy) && policy.RetentionDays is { } days ? days : DefaultRetentionDays;
}

/// <summary>Size limits per media kind, in bytes.</summary>
public sealed class KindLimits
{
    [Range(1, long.MaxValue)]
    public long Audio { get; set; } = 2L * 1024 * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long Image { get; set; } = 25L * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long Document { get; set; } = 100L * 1024 * 1024;

    /// <summary>The limit of <paramref name="kind"/>.</summary>
    public long For(MediaKind kind) => kind switch
    {
        MediaKind.Audio => Audio,
        MediaKind.Image => Image,
        _ => Document,
    };
}

/// <summary>One tenant's own limits.</summary>
public sealed class TenantPolicy
{
    /// <summary>Upper bound on any upload of this tenant, in bytes (the per-kind limit still applies).</summary>
    public long? MaxUploadBytes { get; set; }

    /// <summary>Days after which this tenant's media is deleted; 0 keeps forever.</summary>
    public int? RetentionDays { get; set; }
}

/// <summary>S3-compatible object storage settings (section <c>Media:S3</c>).</summary>
public sealed class S3StorageOptions
{
    /// <summary>Bucket holding the blobs; created at start when missing.</summary>
    public string Bucket { get; set; } = "magichub-media";

    /// <summary>Endpoint of a MinIO or other S3-compatible server, e.g. <c>http://127.0.0.1:9000</c>; unset for AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region (also the signing region for S3-compatible servers).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), needed by MinIO.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Access key; the SDK's default credential chain when unset.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret key.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Size of each multipart part held in memory while uploading (S3 minimum 5 MiB).</summary>
    [Range(5 * 1024 * 1024, 512 * 1024 * 1024)]
    public int PartSize { get; set; } = 8 * 1024 * 1024;
}
