namespace MagicHub.Messaging;

/// <summary>
/// Handles one integration event type. Runs in its own DI scope inside a database transaction
/// that also records the event id in the inbox, so work done through the service's DbContext
/// commits exactly once per event. Throwing makes the delivery retry, then dead-letter.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The established name for integration event handlers (eShop).")]
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    /// <summary>Handles the event.</summary>
    Task HandleAsync(TEvent evt, CancellationToken cancellationToken);
}
