using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging;

internal sealed class EventPublisher(MessagingDb db, IOptions<MessagingOptions> options, OutboxSignal signal, TimeProvider time) : IEventPublisher
{
    private bool _hooked;

    public void Enqueue(IntegrationEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var envelope = EventEnvelope.Create(evt, "/" + options.Value.ServiceName);
        var now = time.GetUtcNow().UtcDateTime;
        db.Context.Add(new OutboxMessage
        {
            EventId = envelope.Id,
            Type = envelope.Type,
            Tenant = envelope.Tenant,
            Time = envelope.Time.UtcDateTime,
            Envelope = envelope.ToJson(),
            CreatedAt = now,
            NextAttemptAt = now,
        });
        if (!_hooked)
        {
            // Wake the relay once the rows are saved instead of waiting for its next poll.
            db.Context.SavedChanges += (_, _) => signal.Notify();
            _hooked = true;
        }
    }
}
