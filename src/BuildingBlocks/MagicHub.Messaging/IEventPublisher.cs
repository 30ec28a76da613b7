namespace MagicHub.Messaging;

/// <summary>Publishes integration events through the transactional outbox.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Adds the event to the outbox of the service's DbContext. It is stored by the next
    /// <c>SaveChanges</c> together with the state change and relayed after the commit.
    /// </summary>
    void Enqueue(IntegrationEvent evt);
}
