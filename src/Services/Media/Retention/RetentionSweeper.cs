using MagicHub.Media.Data;
using MagicHub.Media.Storage;
using MagicHub.Media.Uploads;
using Microsoft.Extensions.Options;

namespace MagicHub.Media.Retention;

/// <summary>What one sweep removed.</summary>
public sealed record SweepResult(int MediaDeleted, int UploadsExpired);

/// <summary>
/// Deletes media older than each tenant's retention policy (content first, then metadata) and abandoned resumable uploads.
/// Works across tenants, so it uses the store's tenant-wide methods on purpose.
/// </summary>
public sealed partial class RetentionSweeper(MediaStore db, IBlobStore blobs, UploadStaging staging, IOptions<MediaOptions> options, TimeProvider clock, ILogger<RetentionSweeper> logger)
{
    private const int BatchSize = 200;

    /// <summary>Runs one sweep.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deleted = 0;
        var tenants = await db.TenantsWithItemsAsync(cancellationToken);
        foreach (var tenant in tenants)
        {
            var days = options.Value.RetentionDaysFor(tenant);
            if (days <= 0) continue;
            var cutoff = now.AddDays(-days);
            for (var batches = 0; batches < 1000; batches++)
            {
                var expired = await db.ItemsCreatedBeforeAsync(tenant, cutoff, BatchSize, cancellationToken);
                if (expired.Count == 0) break;
                foreach (var item in expired)
                {
                    await blobs.DeleteAsync(item.ObjectKey, cancellationToken);
                }
                await db.DeleteItemsOfAnyTenantAsync(expired.Select(m => m.Id), cancellationToken);
                deleted += expired.Count;
            }
        }
        var stale = await db.ExpiredUploadsAsync(now, 10_000, cancellationToken);
        foreach (var upload in stale)
        {
            staging.Delete(upload.Id);
        }
        await db.DeleteUploadsOfAnyTenantAsync(stale.Select(u => u.Id), cancellationToken);
        if (blobs is FileSystemBlobStore files)
        {
            files.DeleteStaleTempFiles(TimeSpan.FromDays(1), now);
        }
        if (deleted > 0 || stale.Count > 0)
        {
            LogSweep(deleted, stale.Count);
        }
        return new SweepResult(deleted, stale.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep deleted {MediaDeleted} media items and {UploadsExpired} abandoned uploads")]
    private partial void LogSweep(int mediaDeleted, int uploadsExpired);
}
