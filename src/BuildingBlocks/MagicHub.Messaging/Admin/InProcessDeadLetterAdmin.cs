using System.Text.Json;
using MagicHub.Messaging.InProcess;
using MagicHub.Messaging.Persistence;

namespace MagicHub.Messaging.Admin;

/// <summary>Dead letters of the in-process transport, kept in <c>messaging_dead_letters</c>.</summary>
internal sealed class InProcessDeadLetterAdmin(IMessagingDatabase database, InProcessSignal signal, TimeProvider time) : IDeadLetterAdmin
{
    public async Task<IReadOnlyList<DeadLetterInfo>> ListAsync(string? subscriber, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await DeadLetterTable.NewestAsync(connection, subscriber, limit, cancellationToken);
        return [.. rows.Select(ToInfo)];
    }

    public async Task<DeadLetterDetail?> GetAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await DeadLetterTable.OfEventAsync(connection, null, subscriber, eventId, cancellationToken);
        if (rows.Count == 0) return null;
        using var envelope = JsonDocument.Parse(rows[^1].Envelope);
        return new(ToInfo(rows[^1]), envelope.RootElement.Clone());
    }

    public async Task<bool> RequeueAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await DeadLetterTable.OfEventAsync(connection, transaction, subscriber, eventId, cancellationToken);
        if (rows.Count == 0) return false;
        var row = rows[^1];
        await DeliveryTable.InsertAsync(transaction, row.Subscriber, row.EventId, row.Type, row.Envelope, replay: false,
            time.GetUtcNow().UtcDateTime, cancellationToken);
        await DeadLetterTable.DeleteAsync(connection, transaction, subscriber, eventId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return true;
    }

    public async Task<int> PurgeAsync(string subscriber, Guid? eventId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await DeadLetterTable.DeleteAsync(connection, null, subscriber, eventId, cancellationToken);
    }

    private static DeadLetterInfo ToInfo(DeadLetter d) =>
        new(d.Subscriber, d.EventId, d.Type, d.Reason, d.Attempts, new DateTimeOffset(d.DeadLetteredAt, TimeSpan.Zero));
}
