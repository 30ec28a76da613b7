using MagicHub.Messaging.Samples;

namespace MagicHub.Messaging.FaultConsumer;

/// <summary>Records one effect row per handled event, in the delivery's transaction.</summary>
internal sealed class EffectHandler : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        context.AddEffectAsync("effects", evt.Id, evt.RecordingId, evt.MediaUri, cancellationToken);
}
