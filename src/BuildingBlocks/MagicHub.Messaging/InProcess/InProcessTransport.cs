using System.Data.Common;
using MagicHub.Messaging.Persistence;

namespace MagicHub.Messaging.InProcess;

/// <summary>
/// In-process transport: "sending" an outbox row queues one durable delivery row per local
/// subscriber in the same commit that marks the row sent; <see cref="InProcessDispatcher"/> runs them.
/// </summary>
internal sealed class InProcessTransport(IMessagingDatabase database, SubscriptionRegistry subscriptions, InProcessSignal signal, TimeProvider time) : IMessageTransport
{
    public string Name => MessagingTransports.InProcess;

    public Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string?>>(new string?[batch.Count]);

    public async Task RecordSentAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> sent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var row in sent)
        {
            foreach (var subscription in subscriptions.For(row.Type))
            {
                await DeliveryTable.InsertAsync(transaction, subscription.Subscriber, row.EventId, row.Type, row.Envelope, replay: false, now, cancellationToken);
            }
        }
    }

    public void Committed() => signal.Notify();

    public async Task ReplayAsync(string subscriber, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        var subscription = subscriptions.Find(subscriber) ?? throw new UnknownSubscriberException(subscriber);
        var now = time.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var row in events.Where(e => e.Type == subscription.EventTypeName))
        {
            await DeliveryTable.InsertAsync(transaction, subscriber, row.EventId, row.Type, row.Envelope, replay: true, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
    }
}

/// <summary>Wakes the in-process dispatcher.</summary>
internal sealed class InProcessSignal : Outbox.WakeSignal;
