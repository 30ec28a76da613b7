using MagicHub.Media.Data;
using MagicHub.Media.Storage;
using MagicHub.Media.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MagicHub.Media.Retention;

/// <summary>What one sweep removed.</summary>
public sealed record SweepResult(int MediaDeleted, int UploadsExpired);

/// <summary>
/// Deletes media older than each tenant's retention policy (content first, then metadata) and abandoned resumable uploads.
/// Works across tenants, so it bypasses the tenant query filter on purpose.
/// </summary>
public sealed partial class RetentionSweeper(MediaDb db, IBlobStore blobs, UploadStaging staging, IOptions<MediaOptions> options, TimeProvider clock, ILogger<RetentionSweeper> logger)
{
    private const int BatchSize = 200;

    /// <summary>Runs one sweep.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deleted = 0;
        var tenants = await db.Items.IgnoreQueryFilters().Select(m => m.TenantId).Distinct().ToListAsync(cancellationToken);
        foreach (var tenant in tenants)
        {
            var days = options.Value.RetentionDaysFor(tenant);
            if (days <= 0) continue;
            var cutoff = now.AddDays(-days);
            for (var batches = 0; batches < 1000; batches++)
            {
                var expired = await db.Items.IgnoreQueryFilters()
                    .Where(m => m.TenantId == tenant && m.CreatedAt < cutoff).OrderBy(m => m.CreatedAt).Take(BatchSize).ToListAsync(cancellationToken);
                if (expired.Count == 0) break;
                foreach (var item in expired)
                {
                    await blobs.DeleteAsync(item.ObjectKey, cancellationToken);
                }
                db.Items.RemoveRange(expired);
                await db.SaveChangesAsync(cancellationToken);
                deleted += expired.Count;
            }
        }
        var stale = await db.Uploads.IgnoreQueryFilters().Where(u => u.ExpiresAt < now).OrderBy(u => u.ExpiresAt).Take(10_000).ToListAsync(cancellationToken);
        foreach (var upload in stale)
        {
            staging.Delete(upload.Id);
        }
        db.Uploads.RemoveRange(stale);
        await db.SaveChangesAsync(cancellationToken);
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
