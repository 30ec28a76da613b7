using System.Data.Common;
using MagicHub.Calls.Data;
using MagicHub.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MagicHub.Calls.Pipeline;

/// <summary>Saves the calls database's changes and publishes events in one transaction (the outbox).</summary>
internal static class OutboxSave
{
    /// <summary>
    /// Saves and publishes <paramref name="published"/> in <paramref name="delivery"/> when given (a transactional
    /// handler's inbox transaction, which messaging commits), else in a transaction of its own that it commits.
    /// </summary>
    public static async Task SaveWithEventsAsync(this CallsDb db, IEventPublisher events, IReadOnlyList<IntegrationEvent> published,
        DbTransaction? delivery, CancellationToken ct)
    {
        if (delivery is not null)
        {
            await db.SaveChangesAsync(ct);
            foreach (var evt in published) await events.PublishAsync(evt, delivery, ct);
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var evt in published) await events.PublishAsync(evt, tx.GetDbTransaction(), ct);
        await events.CommitAsync(tx.GetDbTransaction(), ct);
    }

    /// <summary>Makes <paramref name="db"/> work inside a transactional handler's inbox transaction (its connection and transaction).</summary>
    public static async Task EnlistAsync(this CallsDb db, DbTransaction delivery, CancellationToken ct)
    {
        db.Database.SetDbConnection(delivery.Connection, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(delivery, ct);
    }
}
