using MagicHub.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Messaging.Admin;

/// <summary>Re-delivers past events from this service's outbox log to one subscriber.</summary>
public sealed class MessageReplayer(MessagingDb db, IMessageTransport transport)
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
            var query = db.Context.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.Type == request.Type && m.SentAt != null && m.Time >= from && m.Sequence > after);
            if (to is not null) query = query.Where(m => m.Time < to);
            var batch = await query.OrderBy(m => m.Sequence).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0 && replayed == 0)
            {
                // Still check the subscriber so a typo is reported rather than "0 replayed".
                await transport.ReplayAsync(db.Context, request.Subscriber, batch, cancellationToken);
            }
            if (batch.Count == 0) return replayed;
            await transport.ReplayAsync(db.Context, request.Subscriber, batch, cancellationToken);
            replayed += batch.Count;
            after = batch[^1].Sequence;
        }
    }
}
