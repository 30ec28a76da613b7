using System.Text.Json;
using MagicHub.Messaging.InProcess;
using MagicHub.Messaging.Persistence;

namespace MagicHub.Messaging.Admin;

/// <summary>Dead letters of the in-process transport, kept in <c>messaging_dead_letters</c>.</summary>
internal sealed class InProcessDeadLetterAdmin(MessagingStore store, InProcessSignal signal, TimeProvider time) : IDeadLetterAdmin
{
    public async Task<IReadOnlyList<DeadLetterInfo>> ListAsync(string? subscriber, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await MessagingSql.DeadLettersAsync(connection, null, subscriber, null, limit, cancellationToken);
        return [.. rows.Select(ToInfo)];
    }

    public async Task<DeadLetterDetail?> GetAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await MessagingSql.DeadLettersAsync(connection, null, subscriber, eventId, 1, cancellationToken);
        return rows is [var row] ? new(ToInfo(row), JsonDocument.Parse(row.Envelope).RootElement.Clone()) : null;
    }

    public async Task<bool> RequeueAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await MessagingSql.DeadLettersAsync(connection, tx, subscriber, eventId, 1, cancellationToken);
        if (rows is not [var row]) return false;
        await MessagingSql.InsertDeliveryAsync(tx, new QueuedDelivery
        {
            Subscriber = row.Subscriber,
            EventId = row.EventId,
            Type = row.Type,
            Envelope = row.Envelope,
            EnqueuedAt = time.GetUtcNow().UtcDateTime,
        }, cancellationToken);
        var removed = await MessagingSql.DeleteDeadLettersAsync(connection, tx, subscriber, eventId, cancellationToken);
        if (removed == 0)
        {
            // Requeued or purged by another request meanwhile.
            return false;
        }
        await tx.CommitAsync(cancellationToken);
        signal.Notify();
        return true;
    }

    public async Task<int> PurgeAsync(string subscriber, Guid? eventId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await MessagingSql.DeleteDeadLettersAsync(connection, null, subscriber, eventId, cancellationToken);
    }

    private static DeadLetterInfo ToInfo(DeadLetter d) =>
        new(d.Subscriber, d.EventId, d.Type, d.Reason, d.Attempts, new DateTimeOffset(d.DeadLetteredAt));
}
