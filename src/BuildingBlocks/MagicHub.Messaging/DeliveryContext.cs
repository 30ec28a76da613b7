using System.Data.Common;

namespace MagicHub.Messaging;

/// <summary>What a handler gets with the event.</summary>
public sealed class DeliveryContext
{
    internal DeliveryContext(DbTransaction? transaction) => Transaction = transaction;

    /// <summary>
    /// For a transactional subscription (the default), the open inbox transaction: the handler does its writes and
    /// <see cref="IEventPublisher.PublishAsync"/> calls on <c>Transaction.Connection</c> within it (every command gets the
    /// transaction: <c>connection.CreateCommand(sql, transaction)</c>) and never commits or disposes it; the invoker adds
    /// the inbox row and commits (exactly once). Null for <c>transactional: false</c>
    /// subscriptions, which open their own connections from the SqlDatabase and must be idempotent.
    /// </summary>
    public DbTransaction? Transaction { get; }
}
