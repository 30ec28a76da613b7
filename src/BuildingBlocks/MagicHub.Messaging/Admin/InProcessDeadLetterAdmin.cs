using System.Text.Json;
using MagicHub.Messaging.InProcess;
using MagicHub.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Messaging.Admin;

/// <summary>Dead letters of the in-process transport, kept in <c>messaging_dead_letters</c>.</summary>
internal sealed class InProcessDeadLetterAdmin(MessagingDb db, InProcessSignal signal, TimeProvider time) : IDeadLetterAdmin
{
    private DbSet<DeadLetter> DeadLetters => db.Context.Set<DeadLetter>();

    public async Task<IReadOnlyList<DeadLetterInfo>> ListAsync(string? subscriber, int limit, CancellationToken cancellationToken)
    {
        var query = DeadLetters.AsNoTracking();
        if (subscriber is not null) query = query.Where(d => d.Subscriber == subscriber);
        var rows = await query.OrderByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(ToInfo)];
    }

    public async Task<DeadLetterDetail?> GetAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        var row = await DeadLetters.AsNoTracking()
            .Where(d => d.Subscriber == subscriber && d.EventId == eventId)
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new(ToInfo(row), JsonDocument.Parse(row.Envelope).RootElement.Clone());
    }

    public Task<bool> RequeueAsync(string subscriber, Guid eventId, CancellationToken cancellationToken) =>
        db.Context.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.Context.ChangeTracker.Clear();
            await using var tx = await db.Context.Database.BeginTransactionAsync(token);
            var rows = await DeadLetters.Where(d => d.Subscriber == subscriber && d.EventId == eventId).ToListAsync(token);
            if (rows.Count == 0) return false;
            var row = rows[^1];
            db.Context.Add(new QueuedDelivery
            {
                Subscriber = row.Subscriber,
                EventId = row.EventId,
                Type = row.Type,
                Envelope = row.Envelope,
                EnqueuedAt = time.GetUtcNow().UtcDateTime,
            });
            DeadLetters.RemoveRange(rows);
            await db.Context.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            signal.Notify();
            return true;
        }, cancellationToken);

    public Task<int> PurgeAsync(string subscriber, Guid? eventId, CancellationToken cancellationToken) =>
        DeadLetters.Where(d => d.Subscriber == subscriber && (eventId == null || d.EventId == eventId))
            .ExecuteDeleteAsync(cancellationToken);

    private static DeadLetterInfo ToInfo(DeadLetter d) =>
        new(d.Subscriber, d.EventId, d.Type, d.Reason, d.Attempts, new DateTimeOffset(DateTime.SpecifyKind(d.DeadLetteredAt, DateTimeKind.Utc)));
}
