using MagicHub.Messaging.Persistence;

namespace MagicHub.Messaging.Admin;

/// <summary>Re-delivers past events from this service's outbox log to one subscriber.</summary>
internal sealed class MessageReplayer(IMessagingDatabase database, IMessageTransport transport)
{
    /// <summary>Replays sent events of a type whose time is in [from, to) in outbox order; returns how many.</summary>
    /// <exception cref="UnknownSubscriberException">The transport cannot reach the subscriber.</exception>
    public async Task<int> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        var from = request.From.UtcDateTime;
        var to = request.To?.UtcDateTime;
        var replayed = 0;
        var after = 0L;
        while (true)
        {
            List<OutboxMessage> batch;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                batch = await OutboxTable.SentAsync(connection, request.Type, from, to, after, 500, cancellationToken);
            }
            if (batch.Count == 0 && replayed == 0)
            {
                // Still check the subscriber so a typo is reported rather than "0 replayed".
                await transport.ReplayAsync(request.Subscriber, batch, cancellationToken);
            }
            if (batch.Count == 0) return replayed;
            await transport.ReplayAsync(request.Subscriber, batch, cancellationToken);
            replayed += batch.Count;
            after = batch[^1].Sequence;
        }
    }
}
