using System.Data.Common;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging;

internal sealed class EventPublisher(EventJson json, IOptions<MessagingOptions> options, OutboxSignal signal, TimeProvider time) : IEventPublisher
{
    public Task PublishAsync(IntegrationEvent evt, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(transaction);
        var envelope = EventEnvelope.Create(evt, "/" + options.Value.ServiceName, json);
        var now = time.GetUtcNow().UtcDateTime;
        return MessagingSql.InsertOutboxAsync(transaction, new OutboxMessage
        {
            EventId = envelope.Id,
            Type = envelope.Type,
            Tenant = envelope.Tenant,
            Time = envelope.Time.UtcDateTime,
            Envelope = envelope.ToJson(),
            CreatedAt = now,
            NextAttemptAt = now,
        }, cancellationToken);
    }

    public async Task CommitAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
    }
}
