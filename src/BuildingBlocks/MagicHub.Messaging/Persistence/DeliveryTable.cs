using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Persistence;

/// <summary>The SQL of <c>messaging_deliveries</c>, the in-process transport's durable queue.</summary>
internal static class DeliveryTable
{
    public static async Task InsertAsync(
        DbTransaction transaction, string subscriber, Guid eventId, string type, string envelope, bool replay, DateTime now, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand(
            "INSERT INTO \"messaging_deliveries\" (\"Subscriber\", \"EventId\", \"Type\", \"Envelope\", \"IsReplay\", \"EnqueuedAt\") " +
            "VALUES (@subscriber, @eventId, @type, @envelope, @replay, @now)", transaction)
            .WithParameter("subscriber", subscriber)
            .WithParameter("eventId", eventId)
            .WithParameter("type", type)
            .WithParameter("envelope", envelope)
            .WithParameter("replay", replay)
            .WithParameter("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The oldest <paramref name="limit"/> queued deliveries.</summary>
    public static async Task<List<QueuedDelivery>> OldestAsync(DbConnection connection, int limit, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            "SELECT \"Id\", \"Subscriber\", \"EventId\", \"Type\", \"Envelope\", \"IsReplay\" FROM \"messaging_deliveries\" ORDER BY \"Id\" LIMIT @limit")
            .WithParameter("limit", limit);
        return await command.ReadAllAsync(r => new QueuedDelivery(r.GetInt64(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetBoolean(5)), ct);
    }

    public static async Task DeleteAsync(DbTransaction transaction, long id, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand("DELETE FROM \"messaging_deliveries\" WHERE \"Id\" = @id", transaction)
            .WithParameter("id", id);
        await command.ExecuteNonQueryAsync(ct);
    }
}
