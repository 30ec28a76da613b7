using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Persistence;

/// <summary>The SQL of <c>messaging_dead_letters</c> (in-process transport).</summary>
internal static class DeadLetterTable
{
    private const string Columns = "\"Id\", \"Subscriber\", \"EventId\", \"Type\", \"Envelope\", \"Reason\", \"Attempts\", \"DeadLetteredAt\"";

    public static async Task InsertAsync(
        DbTransaction transaction, string subscriber, Guid eventId, string type, string envelope, string reason, int attempts, DateTime now, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand(
            "INSERT INTO \"messaging_dead_letters\" (\"Subscriber\", \"EventId\", \"Type\", \"Envelope\", \"Reason\", \"Attempts\", \"DeadLetteredAt\") " +
            "VALUES (@subscriber, @eventId, @type, @envelope, @reason, @attempts, @now)", transaction)
            .WithParameter("subscriber", subscriber)
            .WithParameter("eventId", eventId)
            .WithParameter("type", type)
            .WithParameter("envelope", envelope)
            .WithParameter("reason", reason)
            .WithParameter("attempts", attempts)
            .WithParameter("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The newest <paramref name="limit"/> dead letters, of one subscriber or all.</summary>
    public static async Task<List<DeadLetter>> NewestAsync(DbConnection connection, string? subscriber, int limit, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            $"SELECT {Columns} FROM \"messaging_dead_letters\" {(subscriber is null ? "" : "WHERE \"Subscriber\" = @subscriber ")}ORDER BY \"Id\" DESC LIMIT @limit")
            .WithParameter("limit", limit);
        if (subscriber is not null) command.WithParameter("subscriber", subscriber);
        return await command.ReadAllAsync(Read, ct);
    }

    /// <summary>The dead letters of one event in one subscriber, oldest first.</summary>
    public static async Task<List<DeadLetter>> OfEventAsync(DbConnection connection, DbTransaction? transaction, string subscriber, Guid eventId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            $"SELECT {Columns} FROM \"messaging_dead_letters\" WHERE \"Subscriber\" = @subscriber AND \"EventId\" = @eventId ORDER BY \"Id\"", transaction)
            .WithParameter("subscriber", subscriber)
            .WithParameter("eventId", eventId);
        return await command.ReadAllAsync(Read, ct);
    }

    /// <summary>Deletes one event's dead letters, or all of a subscriber's when <paramref name="eventId"/> is null; returns how many.</summary>
    public static async Task<int> DeleteAsync(DbConnection connection, DbTransaction? transaction, string subscriber, Guid? eventId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            "DELETE FROM \"messaging_dead_letters\" WHERE \"Subscriber\" = @subscriber" + (eventId is null ? "" : " AND \"EventId\" = @eventId"), transaction)
            .WithParameter("subscriber", subscriber);
        if (eventId is not null) command.WithParameter("eventId", eventId.Value);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static DeadLetter Read(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6), r.GetUtcDateTime(7));
}
