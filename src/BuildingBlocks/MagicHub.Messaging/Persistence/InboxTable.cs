using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Persistence;

/// <summary>The SQL of <c>messaging_inbox</c>: one row per (subscriber, event id) handled.</summary>
internal static class InboxTable
{
    /// <summary>
    /// Adds the inbox row unless it is there; false when it was. On PostgreSQL a concurrent insert of the same key waits for
    /// the other transaction and then sees its row, so two deliveries of one event cannot both get true.
    /// </summary>
    public static async Task<bool> TryAddAsync(DbTransaction transaction, string subscriber, Guid eventId, string type, DateTime now, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand(
            "INSERT INTO \"messaging_inbox\" (\"Subscriber\", \"EventId\", \"Type\", \"HandledAt\") VALUES (@subscriber, @eventId, @type, @now) " +
            "ON CONFLICT (\"Subscriber\", \"EventId\") DO NOTHING", transaction)
            .WithParameter("subscriber", subscriber)
            .WithParameter("eventId", eventId)
            .WithParameter("type", type)
            .WithParameter("now", now);
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Whether <paramref name="subscriber"/> has handled the event.</summary>
    public static async Task<bool> ContainsAsync(DbConnection connection, string subscriber, Guid eventId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            "SELECT 1 FROM \"messaging_inbox\" WHERE \"Subscriber\" = @subscriber AND \"EventId\" = @eventId")
            .WithParameter("subscriber", subscriber)
            .WithParameter("eventId", eventId);
        return await command.AnyAsync(ct);
    }

    /// <summary>Deletes rows handled before <paramref name="cutoff"/>; returns how many.</summary>
    public static async Task<int> PruneAsync(DbConnection connection, DateTime cutoff, CancellationToken ct)
    {
        await using var command = connection.CreateCommand("DELETE FROM \"messaging_inbox\" WHERE \"HandledAt\" < @cutoff")
            .WithParameter("cutoff", cutoff);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
