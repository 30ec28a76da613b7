using System.Collections.Concurrent;
using MagicHub.Messaging.Samples;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>Records an "effect" row per handled event.</summary>
internal sealed class EffectTestHandler : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        SampleDatabase.AddEffectAsync(context.Transaction!, "effect", evt.Id, evt.RecordingId, $"{evt.TenantId}|{evt.MediaUri}|{evt.SizeBytes}", cancellationToken);
}

/// <summary>A second subscriber to the same event ("audit").</summary>
internal sealed class AuditTestHandler : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        SampleDatabase.AddEffectAsync(context.Transaction!, "audit", evt.Id, evt.RecordingId, null, cancellationToken);
}

/// <summary>Fails the first N attempts per event, then succeeds ("flaky").</summary>
internal sealed class FlakyTestHandler(FailurePlan plan) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public async Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        await SampleDatabase.AddEffectAsync(context.Transaction!, "flaky", evt.Id, evt.RecordingId, null, cancellationToken);
        if (plan.Fail(evt.Id)) throw new TimeoutException("transient: transcription backend timed out");
    }
}

/// <summary>Throws while the switch says broken ("broken").</summary>
internal sealed class BrokenTestHandler(HandlerSwitch state) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        if (state.Broken) throw new InvalidOperationException($"bug: cannot parse media uri {evt.MediaUri}");
        return SampleDatabase.AddEffectAsync(context.Transaction!, "broken", evt.Id, evt.RecordingId, null, cancellationToken);
    }
}

internal sealed class HandlerSwitch
{
    public volatile bool Broken = true;
}

internal sealed class FailurePlan
{
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();
    public int FailuresPerEvent { get; set; } = 2;
    public int Attempts(Guid id) => _attempts.GetValueOrDefault(id);
    public bool Fail(Guid id) => _attempts.AddOrUpdate(id, 1, (_, n) => n + 1) <= FailuresPerEvent;
}

// The seed flow: each stage handles the previous event and publishes the next in the same transaction.
internal sealed class TranscribeOnIngested(IEventPublisher publisher) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(new TranscriptionCompletedIntegrationEvent(evt.RecordingId, "[00:00-00:03] Agent: hello", "en", "banking", "card", 12) { TenantId = evt.TenantId }, context.Transaction!, cancellationToken);
}

internal sealed class NormalizeOnTranscribed(IEventPublisher publisher) : IIntegrationEventHandler<TranscriptionCompletedIntegrationEvent>
{
    public Task HandleAsync(TranscriptionCompletedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(new NlpPostprocessedIntegrationEvent(evt.RecordingId, evt.Transcript.ToUpperInvariant(), evt.Language, 0) { TenantId = evt.TenantId }, context.Transaction!, cancellationToken);
}

internal sealed class AnalyzeOnPostprocessed(IEventPublisher publisher) : IIntegrationEventHandler<NlpPostprocessedIntegrationEvent>
{
    public Task HandleAsync(NlpPostprocessedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(new CallAnalyzedIntegrationEvent(Guid.NewGuid(), evt.RecordingId, "banking", "card", "neutral", evt.Text, 30) { TenantId = evt.TenantId }, context.Transaction!, cancellationToken);
}

internal sealed class StoreOnCallAnalyzed : IIntegrationEventHandler<CallAnalyzedIntegrationEvent>
{
    public Task HandleAsync(CallAnalyzedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        SampleDatabase.AddEffectAsync(context.Transaction!, "analyzed", evt.Id, evt.RecordingId, evt.Summary, cancellationToken);
}
