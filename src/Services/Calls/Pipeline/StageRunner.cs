using System.Text.Json;
using System.Text.Json.Nodes;
using MagicHub.Calls.Data;
using MagicHub.Messaging;
using MagicHub.Security.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MagicHub.Calls.Pipeline;

/// <summary>
/// Runs one stage of one call: skips it if it is already done (redelivery), records start and end, stores the
/// result and enqueues the next stage's event in the same save (outbox), counts transient failures and ends the
/// call <c>failed</c> when the stage cannot succeed.
/// </summary>
public sealed class StageRunner(CallsDb db, IEventPublisher events, TimeProvider clock, IOptions<PipelineOptions> options, ILogger<StageRunner> logger)
{
    /// <summary>Runs <paramref name="step"/> for the job if it is waiting at <paramref name="stage"/>.</summary>
    /// <param name="jobId">The call's job.</param>
    /// <param name="tenantId">The tenant of the event; the job is read under it.</param>
    /// <param name="stage">The stage this event asks for.</param>
    /// <param name="step">Does the work, stores results on the job, sets its next stage and returns the next event.</param>
    /// <param name="context">The delivery: for a transactional subscription everything happens in its transaction.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task RunAsync(Guid jobId, string? tenantId, PipelineStage stage, Func<CallJob, CancellationToken, Task<IntegrationEvent?>> step,
        DeliveryContext context, CancellationToken ct)
    {
        using var tenantScope = string.IsNullOrEmpty(tenantId) ? null : TenantContext.BeginScope(tenantId);
        if (context.Transaction is { } delivery)
        {
            await db.EnlistAsync(delivery, ct);
        }
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.IsFinished || job.Stage != stage)
        {
            return;
        }
        job.Status = JobStatus.Running;
        Stamp(job, stage, "started");
        await db.SaveChangesAsync(ct);

        IntegrationEvent? next;
        try
        {
            next = await step(job, ct);
        }
        catch (StepFailedException failed)
        {
            await FailAsync(job, failed.Message, context, ct);
            return;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            job.Attempts++;
            job.Error = $"{stage} attempt {job.Attempts} failed: {ex.GetBaseException().Message}";
            logger.LogWarning("Call {JobId}: {Error}", job.Id, job.Error);
            if (job.Attempts >= options.Value.MaxStageAttempts)
            {
                await FailAsync(job, job.Error, context, ct);
                return;
            }
            job.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            throw;
        }

        job.Attempts = 0;
        job.Error = null;
        Stamp(job, stage, "finished");
        var published = new List<IntegrationEvent>();
        if (next is not null)
        {
            published.Add(next with { TenantId = job.TenantId });
        }
        if (job.Stage == PipelineStage.Done)
        {
            job.Status = JobStatus.Completed;
            published.Add(new CallFinishedIntegrationEvent(job.Id, "completed") { TenantId = job.TenantId });
        }
        await db.SaveWithEventsAsync(events, published, context.Transaction, ct);
    }

    private async Task FailAsync(CallJob job, string reason, DeliveryContext context, CancellationToken ct)
    {
        logger.LogWarning("Call {JobId} failed at {Stage}: {Reason}", job.Id, job.Stage, reason);
        job.Status = JobStatus.Failed;
        job.Error = reason;
        job.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveWithEventsAsync(events, [new CallFinishedIntegrationEvent(job.Id, "failed") { TenantId = job.TenantId }], context.Transaction, ct);
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
        job.TimingsJson = timings.ToJsonString(JsonSerializerOptions.Web);
        job.UpdatedAt = now;
    }
}
