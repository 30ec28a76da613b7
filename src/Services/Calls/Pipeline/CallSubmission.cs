using MagicHub.Security.Tenancy;
using System.Data.Common;
using MagicHub.Calls.Data;
using MagicHub.Media.Contracts;
using MagicHub.Messaging;
using MagicHub.Persistence;

namespace MagicHub.Calls.Pipeline;

/// <summary>
/// Accepts one recording: streams it to the media service (claim check), then creates its job and the
/// <c>call.submitted</c> event in one transaction. The same content (or idempotency key) again returns the existing job.
/// </summary>
public sealed class CallSubmission(SqlDatabase<CallsDb> database, MediaClient media, IEventPublisher events, TimeProvider clock)
{
    /// <summary>Stores <paramref name="audio"/> and queues its analysis; returns the job and whether it already existed.</summary>
    public async Task<(CallJob Job, bool Duplicate)> SubmitAsync(
        Stream audio, string fileName, string tenantId, string? idempotencyKey, string? callbackUrl, CancellationToken ct)
    {
        var item = await media.UploadAsync(audio, fileName, MediaKind.Audio, tenantId, ct);
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? "sha256:" + item.Sha256 : "key:" + idempotencyKey.Trim();
        await using var connection = await database.OpenAsync(ct);
        if (await FindByKeyAsync(connection, tenantId, key, ct) is { } existing)
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
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var insert = job.AddParameters(connection.CreateCommand(CallJob.Insert, transaction)))
            {
                await insert.ExecuteNonQueryAsync(ct);
            }
            await events.PublishAsync(new CallSubmittedIntegrationEvent(job.Id) { TenantId = tenantId }, transaction, ct);
            await events.CommitAsync(transaction, ct);
            return (job, false);
        }
        catch (DbException ex) when (ex.IsUniqueViolation())
        {
            // The same content was submitted concurrently and the other request won the unique index.
            return (await FindByKeyAsync(connection, tenantId, key, ct) ?? throw new InvalidOperationException($"Job {key} vanished after a unique violation.", ex), true);
        }
    }

    private static async Task<CallJob?> FindByKeyAsync(DbConnection connection, string tenantId, string key, CancellationToken ct)
    {
        await using var select = connection.CreateCommand($"SELECT {CallJob.Columns} FROM \"call_jobs\" WHERE \"IdempotencyKey\" = @key AND \"TenantId\" = @tenant")
            .WithParameter("key", key).WithTenant(tenantId);
        return await select.ReadFirstAsync(CallJob.Read, ct);
    }
}
