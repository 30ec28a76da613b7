using MagicHub.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Messaging.InProcess;

/// <summary>
/// In-process transport: "sending" an outbox row queues one durable delivery row per local
/// subscriber in the same commit that marks the row sent; <see cref="InProcessDispatcher"/> runs them.
/// </summary>
internal sealed class InProcessTransport(SubscriptionRegistry subscriptions, InProcessSignal signal, TimeProvider time) : IMessageTransport
{
    public string Name => MessagingTransports.InProcess;

    public Task<IReadOnlyList<string?>> SendAsync(DbContext db, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        foreach (var row in batch)
        {
            foreach (var subscription in subscriptions.For(row.Type))
            {
                db.Add(Queue(subscription.Subscriber, row, replay: false));
            }
        }
        return Task.FromResult<IReadOnlyList<string?>>(new string?[batch.Count]);
    }

    public void Committed() => signal.Notify();

    public async Task ReplayAsync(DbContext db, string subscriber, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        var subscription = subscriptions.Find(subscriber) ?? throw new UnknownSubscriberException(subscriber);
        foreach (var row in events.Where(e => e.Type == subscription.EventTypeName))
        {
            db.Add(Queue(subscriber, row, replay: true));
        }
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
    }

    private QueuedDelivery Queue(string subscriber, OutboxMessage row, bool replay) => new()
    {
        Subscriber = subscriber,
        EventId = row.EventId,
        Type = row.Type,
        Envelope = row.Envelope,
        IsReplay = replay,
        EnqueuedAt = time.GetUtcNow().UtcDateTime,
    };
}

/// <summary>Wakes the in-process dispatcher.</summary>
internal sealed class InProcessSignal : Outbox.WakeSignal;
