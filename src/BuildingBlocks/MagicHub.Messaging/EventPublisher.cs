using System.Data.Common;
using System.Runtime.CompilerServices;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
using MagicHub.Messaging.Serialization;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging;

internal sealed class EventPublisher(EventJson json, IOptions<MessagingOptions> options, OutboxSignal signal, TimeProvider time) : IEventPublisher
{
    // Transactions that got an event, so committing a handler's transaction wakes the relay only when it has work.
    private readonly ConditionalWeakTable<DbTransaction, object> _published = new();

    public async Task PublishAsync(IntegrationEvent evt, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(transaction);
        var envelope = EventEnvelope.Create(evt, "/" + options.Value.ServiceName, json.Options);
        await OutboxTable.InsertAsync(transaction, envelope, envelope.ToJson(), time.GetUtcNow().UtcDateTime, cancellationToken);
        _published.AddOrUpdate(transaction, signal);
    }

    public async Task CommitAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await transaction.CommitAsync(cancellationToken);
        Committed(transaction);
    }

    /// <summary>Wakes the relay if <paramref name="transaction"/>, now committed, carried events.</summary>
    internal void Committed(DbTransaction transaction)
    {
        if (_published.Remove(transaction)) signal.Notify();
    }
}
