using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using MagicHub.Messaging.Samples;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>Records an "effect" row per handled event.</summary>
internal sealed class EffectTestHandler : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        context.AddEffectAsync("effect", evt.Id, evt.RecordingId, $"{evt.TenantId}|{evt.MediaUri}|{evt.SizeBytes}", cancellationToken);
}

/// <summary>A second subscriber to the same event ("audit").</summary>
internal sealed class AuditTestHandler : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        context.AddEffectAsync("audit", evt.Id, evt.RecordingId, null, cancellationToken);
}

/// <summary>Fails the first N attempts per event after writing its effect, then succeeds ("flaky"): failed attempts roll back.</summary>
internal sealed class FlakyTestHandler(FailurePlan plan) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public async Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        await context.AddEffectAsync("flaky", evt.Id, evt.RecordingId, null, cancellationToken);
        if (plan.Fail(evt.Id)) throw new TimeoutException("transient: transcription backend timed out");
    }
}

/// <summary>Throws while the switch says broken ("broken").</summary>
internal sealed class BrokenTestHandler(HandlerSwitch state) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        if (state.Broken) throw new InvalidOperationException($"bug: cannot parse media uri {evt.MediaUri}");
        return context.AddEffectAsync("broken", evt.Id, evt.RecordingId, null, cancellationToken);
    }
}

/// <summary>
/// A handler outside the inbox transaction ("outside"): no transaction is given, so it opens its own connection and writes
/// its effect idempotently (one row per event id).
/// </summary>
internal sealed class NonTransactionalTestHandler(SqlDatabase<SampleDatabase> database, FailurePlan plan) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public async Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        if (context.Transaction is not null) throw new InvalidOperationException("a non-transactional subscription got a transaction");
        await using var connection = await database.OpenAsync(waitForWriter: true, cancellationToken);
        await using var exists = connection.CreateCommand("SELECT 1 FROM \"Effects\" WHERE \"Subscriber\" = 'outside' AND \"EventId\" = @e").WithParameter("e", evt.Id);
        if (!await exists.AnyAsync(cancellationToken))
        {
            await SampleSql.AddEffectAsync(connection, null, "outside", evt.Id, evt.RecordingId, null, cancellationToken);
        }
        if (plan.Fail(evt.Id)) throw new TimeoutException("transient: after the effect");
    }
}

/// <summary>Takes its time inside the inbox transaction ("slow"), so concurrent deliveries of one event overlap.</summary>
internal sealed class SlowTestHandler(FailurePlan plan) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public async Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        plan.Fail(evt.Id);
        await context.AddEffectAsync("slow", evt.Id, evt.RecordingId, null, cancellationToken);
        await Task.Delay(300, cancellationToken);
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
        publisher.PublishAsync(new TranscriptionCompletedIntegrationEvent(evt.RecordingId, "[00:00-00:03] Agent: hello", "en", "banking", "card", 12) { TenantId = evt.TenantId },
            context.Transaction!, cancellationToken);
}

internal sealed class NormalizeOnTranscribed(IEventPublisher publisher) : IIntegrationEventHandler<TranscriptionCompletedIntegrationEvent>
{
    public Task HandleAsync(TranscriptionCompletedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(new NlpPostprocessedIntegrationEvent(evt.RecordingId, evt.Transcript.ToUpperInvariant(), evt.Language, 0) { TenantId = evt.TenantId },
            context.Transaction!, cancellationToken);
}

internal sealed class AnalyzeOnPostprocessed(IEventPublisher publisher) : IIntegrationEventHandler<NlpPostprocessedIntegrationEvent>
{
    public Task HandleAsync(NlpPostprocessedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(new CallAnalyzedIntegrationEvent(Guid.NewGuid(), evt.RecordingId, "banking", "card", "neutral", evt.Text, 30) { TenantId = evt.TenantId },
            context.Transaction!, cancellationToken);
}

internal sealed class StoreOnCallAnalyzed : IIntegrationEventHandler<CallAnalyzedIntegrationEvent>
{
    public Task HandleAsync(CallAnalyzedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        context.AddEffectAsync("analyzed", evt.Id, evt.RecordingId, evt.Summary, cancellationToken);
}

/// <summary>An event type that no sample subscriber has (RabbitMQ: nothing bound).</summary>
[EventType("test.nobody-subscribed")]
internal sealed record NobodySubscribedIntegrationEvent : IntegrationEvent;

/// <summary>Source-generated JSON of the test-only events.</summary>
[JsonSerializable(typeof(NobodySubscribedIntegrationEvent))]
internal sealed partial class TestEventsJson : JsonSerializerContext;
