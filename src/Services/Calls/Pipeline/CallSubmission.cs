using MagicHub.Calls.Data;
using MagicHub.Media.Contracts;
using MagicHub.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Calls.Pipeline;

/// <summary>
/// Accepts one recording: streams it to the media service (claim check), then creates its job and the
/// <c>call.submitted</c> event in one save. The same content (or idempotency key) again returns the existing job.
/// </summary>
public sealed class CallSubmission(CallsDb db, MediaClient media, IEventPublisher events, TimeProvider clock)
{
    /// <summary>Stores <paramref name="audio"/> and queues its analysis; returns the job and whether it already existed.</summary>
    public async Task<(CallJob Job, bool Duplicate)> SubmitAsync(
        Stream audio, string fileName, string tenantId, string? idempotencyKey, string? callbackUrl, CancellationToken ct)
    {
        var item = await media.UploadAsync(audio, fileName, MediaKind.Audio, tenantId, ct);
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? "sha256:" + item.Sha256 : "key:" + idempotencyKey.Trim();
        if (await db.Jobs.FirstOrDefaultAsync(j => j.IdempotencyKey == key, ct) is { } existing)
        {
            return (existing, true);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new CallJob
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            IdempotencyKey = key,
            FileName = Path.GetFileName(fileName),
            MediaId = item.Id,
            SizeBytes = item.Size,
            CallbackUrl = callbackUrl,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Jobs.Add(job);
        try
        {
            await db.SaveWithEventsAsync(events, [new CallSubmittedIntegrationEvent(job.Id) { TenantId = tenantId }], null, ct);
            return (job, false);
        }
        catch (DbUpdateException)
        {
            // The same content was submitted concurrently and the other request won the unique index.
            db.ChangeTracker.Clear();
            var raced = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.IdempotencyKey == key, ct);
            if (raced is null)
            {
                throw;
            }
            return (raced, true);
        }
    }
}
