using System.Data.Common;

namespace MagicHub.Messaging;

/// <summary>Publishes integration events through the transactional outbox in the service's own database.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Inserts the event into the outbox inside <paramref name="transaction"/>, the caller's write transaction on its
    /// database, so the event exists exactly when the state change does; the relay sends it once the transaction has committed.
    /// </summary>
    Task PublishAsync(IntegrationEvent evt, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Commits <paramref name="transaction"/> and wakes the relay at once (otherwise it finds the rows at its next poll).
    /// Not for a handler's <see cref="DeliveryContext.Transaction"/>: messaging commits that one itself.
    /// </summary>
    Task CommitAsync(DbTransaction transaction, CancellationToken cancellationToken);
}
