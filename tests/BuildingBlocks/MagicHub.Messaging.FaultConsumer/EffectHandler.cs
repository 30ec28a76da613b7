using MagicHub.Messaging.Samples;

namespace MagicHub.Messaging.FaultConsumer;

/// <summary>Records one effect row per handled event, in the delivery's transaction.</summary>
internal sealed class EffectHandler(SampleDb db) : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { Subscriber = "effects", EventId = evt.Id, RecordingId = evt.RecordingId, Detail = evt.MediaUri });
        return db.SaveChangesAsync(cancellationToken);
    }
}
