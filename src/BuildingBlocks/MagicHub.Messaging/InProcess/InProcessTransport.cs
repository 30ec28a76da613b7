using System.Data.Common;
using MagicHub.Messaging.Persistence;

namespace MagicHub.Messaging.InProcess;

/// <summary>
/// In-process transport: "sending" an outbox row queues one durable delivery row per local
/// subscriber in the same commit that marks the row sent; <see cref="InProcessDispatcher"/> runs them.
/// </summary>
internal sealed class InProcessTransport(SubscriptionRegistry subscriptions, InProcessSignal signal, TimeProvider time) : IMessageTransport
{
    public string Name => MessagingTransports.InProcess;

    public async Task<IReadOnlyList<string?>> SendAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        foreach (var row in batch)
        {
            foreach (var subscription in subscriptions.For(row.Type))
            {
                await MessagingSql.InsertDeliveryAsync(transaction, Queue(subscription.Subscriber, row, replay: false), cancellationToken);
            }
        }
        return new string?[batch.Count];
    }

    public void Committed() => signal.Notify();

    public async Task ReplayAsync(DbTransaction transaction, string subscriber, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        var subscription = subscriptions.Find(subscriber) ?? throw new UnknownSubscriberException(subscriber);
        foreach (var row in events.Where(e => e.Type == subscription.EventTypeName))
        {
            await MessagingSql.InsertDeliveryAsync(transaction, Queue(subscriber, row, replay: true), cancellationToken);
        }
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
