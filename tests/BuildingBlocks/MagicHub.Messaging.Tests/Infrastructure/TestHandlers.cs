using System.Collections.Concurrent;
using MagicHub.Messaging.Samples;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>Records an "effect" row per handled event.</summary>
internal sealed class EffectTestHandler(SampleDb db) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { Subscriber = "effect", EventId = evt.Id, RecordingId = evt.RecordingId, Detail = $"{evt.TenantId}|{evt.MediaUri}|{evt.SizeBytes}" });
        return Task.CompletedTask;
    }
}

/// <summary>A second subscriber to the same event ("audit").</summary>
internal sealed class AuditTestHandler(SampleDb db) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { Subscriber = "audit", EventId = evt.Id, RecordingId = evt.RecordingId });
        return Task.CompletedTask;
    }
}

/// <summary>Fails the first N attempts per event, then succeeds ("flaky").</summary>
internal sealed class FlakyTestHandler(SampleDb db, FailurePlan plan) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public async Task HandleAsync(RecordingIngestedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { Subscriber = "flaky", EventId = evt.Id, RecordingId = evt.RecordingId });
        await db.SaveChangesAsync(cancellationToken);
        if (plan.Fail(evt.Id)) throw new TimeoutException("transient: transcription backend timed out");
    }
}

/// <summary>Throws while the switch says broken ("broken").</summary>
internal sealed class BrokenTestHandler(SampleDb db, HandlerSwitch state) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        if (state.Broken) throw new InvalidOperationException($"bug: cannot parse media uri {evt.MediaUri}");
        db.Effects.Add(new Effect { Subscriber = "broken", EventId = evt.Id, RecordingId = evt.RecordingId });
        return Task.CompletedTask;
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
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        publisher.Enqueue(new TranscriptionCompletedIntegrationEvent(evt.RecordingId, "[00:00-00:03] Agent: hello", "en", "banking", "card", 12) { TenantId = evt.TenantId });
        return Task.CompletedTask;
    }
}

internal sealed class NormalizeOnTranscribed(IEventPublisher publisher) : IIntegrationEventHandler<TranscriptionCompletedIntegrationEvent>
{
    public Task HandleAsync(TranscriptionCompletedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        publisher.Enqueue(new NlpPostprocessedIntegrationEvent(evt.RecordingId, evt.Transcript.ToUpperInvariant(), evt.Language, 0) { TenantId = evt.TenantId });
        return Task.CompletedTask;
    }
}

internal sealed class AnalyzeOnPostprocessed(IEventPublisher publisher) : IIntegrationEventHandler<NlpPostprocessedIntegrationEvent>
{
    public Task HandleAsync(NlpPostprocessedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        publisher.Enqueue(new CallAnalyzedIntegrationEvent(Guid.NewGuid(), evt.RecordingId, "banking", "card", "neutral", evt.Text, 30) { TenantId = evt.TenantId });
        return Task.CompletedTask;
    }
}

internal sealed class StoreOnCallAnalyzed(SampleDb db) : IIntegrationEventHandler<CallAnalyzedIntegrationEvent>
{
    public Task HandleAsync(CallAnalyzedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { Subscriber = "analyzed", EventId = evt.Id, RecordingId = evt.RecordingId, Detail = evt.Summary });
        return Task.CompletedTask;
    }
}
