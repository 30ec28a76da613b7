using System.Data.Common;

namespace MagicHub.Messaging;

/// <summary>Publishes integration events through the transactional outbox of the service's SqlDatabase.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Inserts the event into the outbox inside <paramref name="transaction"/> (the caller's write transaction on its
    /// SqlDatabase connection, or a handler's <see cref="DeliveryContext.Transaction"/>); the relay sends it once that
    /// transaction has committed, and never when it rolls back.
    /// </summary>
    /// <exception cref="InvalidOperationException">No resolver given to <c>AddEventJson</c> knows the event's type.</exception>
    Task PublishAsync(IntegrationEvent evt, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Commits <paramref name="transaction"/> and wakes the relay at once (otherwise it finds the rows at its next poll).
    /// Not for a handler's <see cref="DeliveryContext.Transaction"/>: the messaging library commits that one itself.
    /// </summary>
    Task CommitAsync(DbTransaction transaction, CancellationToken cancellationToken);
}
