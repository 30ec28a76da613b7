using System.Data.Common;
using System.Text.Json.Nodes;
using MagicHub.Calls.Data;
using MagicHub.Messaging;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;
using Microsoft.Extensions.Options;

namespace MagicHub.Calls.Pipeline;

/// <summary>
/// Does one stage's work on <paramref name="job"/>: stores its results on the job, sets its next stage and returns the
/// next stage's event.
/// </summary>
/// <param name="job">The job, waiting at the stage.</param>
/// <param name="transaction">
/// The transaction the results commit in when the stage runs inside one (a transactional subscription; the job's row is
/// locked in it); null for stages that call other services and run outside any transaction.
/// </param>
/// <param name="cancellationToken">Cancellation.</param>
public delegate Task<IntegrationEvent?> StageWork(CallJob job, DbTransaction? transaction, CancellationToken cancellationToken);

/// <summary>
/// Runs one stage of one call: skips it if it is already done (redelivery), records start and end, stores the
/// result and publishes the next stage's event in the same transaction (outbox), counts transient failures and ends the
/// call <c>failed</c> when the stage cannot succeed. Every change re-reads the job's row under a lock and applies only
/// while the job still waits at the stage, so two deliveries of one stage at once store one result and one next event.
/// </summary>
public sealed class StageRunner(
    SqlDatabase<CallsDb> database, IEventPublisher events, TimeProvider clock, IOptions<PipelineOptions> options, ILogger<StageRunner> logger)
{
    /// <summary>Runs <paramref name="work"/> for the job if it is waiting at <paramref name="stage"/>.</summary>
    /// <param name="jobId">The call's job.</param>
    /// <param name="tenantId">The tenant of the event; the job is read under it.</param>
    /// <param name="stage">The stage this event asks for.</param>
    /// <param name="delivery">The delivery: with a transaction, everything happens in it (and commits with the inbox row).</param>
    /// <param name="work">Does the work, stores results on the job, sets its next stage and returns the next event.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task RunAsync(Guid jobId, string? tenantId, PipelineStage stage, DeliveryContext delivery, StageWork work, CancellationToken ct)
    {
        // Outgoing calls to other services carry a service token of the event's tenant.
        using var tenantScope = string.IsNullOrEmpty(tenantId) ? null : TenantContext.BeginScope(tenantId);
        var shared = delivery.Transaction;
        await using var own = shared is null ? await database.OpenAsync(ct) : null;
        var connection = shared?.Connection ?? own!;

        var job = await ChangeAsync(connection, shared, jobId, tenantId, stage, j =>
        {
            j.Status = JobStatus.Running;
            Stamp(j, stage, "started");
            return [];
        }, ct);
        if (job is null)
        {
            return;
        }

        IntegrationEvent? next;
        try
        {
            next = await work(job, shared, ct);
        }
        catch (StepFailedException failed)
        {
            await ChangeAsync(connection, shared, jobId, tenantId, stage, j => Fail(j, failed.Message), ct);
            return;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && shared is null)
        {
            // Inside a delivery's transaction the failed attempt rolls back with it: the messaging retries count instead.
            var counted = await ChangeAsync(connection, null, jobId, tenantId, stage, j =>
            {
                j.Attempts++;
                j.Error = $"{stage} attempt {j.Attempts} failed: {ex.GetBaseException().Message}";
                logger.LogWarning("Call {JobId}: {Error}", j.Id, j.Error);
                if (j.Attempts >= options.Value.MaxStageAttempts)
                {
                    return Fail(j, j.Error);
                }
                j.UpdatedAt = clock.GetUtcNow().UtcDateTime;
                return [];
            }, ct);
            // Retry through the messaging unless the call failed for good or another delivery finished the stage meanwhile.
            if (counted is null || counted.IsFinished)
            {
                return;
            }
            throw;
        }

        await ChangeAsync(connection, shared, jobId, tenantId, stage, j =>
        {
            // The locked row may be newer than the one the work started from: keep it, add the stage's results.
            j.TranscriptionJson = job.TranscriptionJson;
            j.PromptJson = job.PromptJson;
            j.ExtractionJson = job.ExtractionJson;
            j.CallId = job.CallId;
            j.Stage = job.Stage;
            j.Attempts = 0;
            j.Error = null;
            Stamp(j, stage, "finished");
            List<IntegrationEvent> publish = next is null ? [] : [next];
            if (j.Stage == PipelineStage.Done)
            {
                j.Status = JobStatus.Completed;
                publish.Add(new CallFinishedIntegrationEvent(j.Id, "completed"));
            }
            return publish;
        }, ct);
    }

    /// <summary>
    /// In <paramref name="shared"/> (or a transaction of its own, committed here): locks and reads the job, applies
    /// <paramref name="change"/> if the job still waits at <paramref name="stage"/>, writes it and publishes the events
    /// <paramref name="change"/> returns. Returns the changed job, or null when the job is gone, finished or past the stage.
    /// </summary>
    private async Task<CallJob?> ChangeAsync(
        DbConnection connection, DbTransaction? shared, Guid jobId, string? tenantId, PipelineStage stage,
        Func<CallJob, IReadOnlyList<IntegrationEvent>> change, CancellationToken ct)
    {
        var transaction = shared ?? await connection.BeginTransactionAsync(ct);
        try
        {
            var job = await CallJob.FindAsync(connection, transaction, jobId, tenantId, lockRow: true, ct);
            if (job is null || job.IsFinished || job.Stage != stage)
            {
                return null;
            }
            var publish = change(job);
            await job.UpdateAsync(transaction, ct);
            foreach (var evt in publish)
            {
                await events.PublishAsync(evt with { TenantId = job.TenantId }, transaction, ct);
            }
            if (shared is null)
            {
                await events.CommitAsync(transaction, ct);
            }
            return job;
        }
        finally
        {
            if (shared is null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private IReadOnlyList<IntegrationEvent> Fail(CallJob job, string reason)
    {
        logger.LogWarning("Call {JobId} failed at {Stage}: {Reason}", job.Id, job.Stage, reason);
        job.Status = JobStatus.Failed;
        job.Error = reason;
        job.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return [new CallFinishedIntegrationEvent(job.Id, "failed")];
    }

    private void Stamp(CallJob job, PipelineStage stage, string what)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var timings = JsonNode.Parse(job.TimingsJson) as JsonObject ?? [];
        var key = stage.ToString().ToLowerInvariant();
        if (timings[key] is not JsonObject entry)
        {
            entry = [];
            timings[key] = entry;
        }
        entry[what] = now;
        job.TimingsJson = timings.ToJsonString();
        job.UpdatedAt = now;
    }
}
