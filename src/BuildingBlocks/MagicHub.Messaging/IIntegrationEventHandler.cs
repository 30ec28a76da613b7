using System.Data.Common;

namespace MagicHub.Messaging;

/// <summary>
/// Handles one integration event type. Runs in its own DI scope; for a transactional subscription (the default) inside
/// the database transaction that also records the event id in the inbox (<see cref="DeliveryContext.Transaction"/>), so
/// work written in it commits exactly once per event. Throwing makes the delivery retry, then dead-letter.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The established name for integration event handlers (eShop).")]
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    /// <summary>Handles the event.</summary>
    Task HandleAsync(TEvent evt, DeliveryContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler gets with the event.</summary>
public sealed class DeliveryContext
{
    internal DeliveryContext(DbTransaction? transaction, bool isReplay)
    {
        Transaction = transaction;
        IsReplay = isReplay;
    }

    /// <summary>
    /// For a transactional subscription, the open inbox transaction: the handler writes (and calls
    /// <see cref="IEventPublisher.PublishAsync"/>) on <c>Transaction.Connection</c> within it and never commits or disposes
    /// it; messaging adds the inbox row and commits. Null for <c>transactional: false</c> subscriptions, which open their
    /// own connections and must be idempotent.
    /// </summary>
    public DbTransaction? Transaction { get; }

    /// <summary>True when the event is replayed to this subscriber (it runs even if the inbox has it).</summary>
    public bool IsReplay { get; }
}
