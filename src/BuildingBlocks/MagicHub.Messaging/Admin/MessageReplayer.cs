using MagicHub.Messaging.Persistence;

namespace MagicHub.Messaging.Admin;

/// <summary>Re-delivers past events from this service's outbox log to one subscriber.</summary>
public sealed class MessageReplayer(MessagingStore store, IMessageTransport transport)
{
    /// <summary>Replays sent events of a type whose time is in [from, to) in outbox order; returns how many.</summary>
    /// <exception cref="UnknownSubscriberException">The transport cannot reach the subscriber.</exception>
    public async Task<int> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        var from = request.From.UtcDateTime;
        var to = request.To?.UtcDateTime;
        var replayed = 0;
        var after = 0L;
        await using var connection = await store.OpenAsync(cancellationToken);
        while (true)
        {
            var batch = await MessagingSql.SentOutboxAsync(connection, request.Type, from, to, after, 500, cancellationToken);
            // An empty first batch still goes to the transport, so an unknown subscriber is reported rather than "0 replayed".
            if (batch.Count == 0 && replayed > 0) return replayed;
            await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
            {
                await transport.ReplayAsync(tx, request.Subscriber, batch, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
            transport.Committed();
            if (batch.Count == 0) return 0;
            replayed += batch.Count;
            after = batch[^1].Sequence;
        }
    }
}
