namespace MagicHub.Messaging;

/// <summary>
/// Handles one integration event type. Runs in its own DI scope; for a transactional subscription (the default) inside
/// the database transaction that also records the event id in the inbox (<see cref="DeliveryContext.Transaction"/>), so
/// work done in it commits exactly once per event. Throwing makes the delivery retry, then dead-letter.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The established name for integration event handlers (eShop).")]
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    /// <summary>Handles the event; do database work on <paramref name="context"/>'s transaction when it has one.</summary>
    Task HandleAsync(TEvent evt, DeliveryContext context, CancellationToken cancellationToken);
}
