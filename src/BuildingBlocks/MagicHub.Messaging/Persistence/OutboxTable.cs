using System.Data.Common;
using System.Globalization;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Persistence;

/// <summary>The SQL of <c>messaging_outbox</c> (both engines).</summary>
internal static class OutboxTable
{
    private const string Columns =
        "\"Sequence\", \"EventId\", \"Type\", \"Tenant\", \"Time\", \"Envelope\", \"CreatedAt\", \"SentAt\", \"Attempts\", \"NextAttemptAt\", \"LastError\"";

    public static async Task InsertAsync(DbTransaction transaction, EventEnvelope envelope, string json, DateTime now, CancellationToken ct)
    {
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has completed.", nameof(transaction));
        await using var command = connection.CreateCommand(
            "INSERT INTO \"messaging_outbox\" (\"EventId\", \"Type\", \"Tenant\", \"Time\", \"Envelope\", \"CreatedAt\", \"Attempts\", \"NextAttemptAt\") " +
            "VALUES (@eventId, @type, @tenant, @time, @envelope, @now, 0, @now)", transaction)
            .WithParameter("eventId", envelope.Id)
            .WithParameter("type", envelope.Type)
            .WithParameter("tenant", envelope.Tenant)
            .WithParameter("time", envelope.Time.UtcDateTime)
            .WithParameter("envelope", json)
            .WithParameter("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>When the oldest unsent row was written, or null when none is pending.</summary>
    public static async Task<DateTime?> OldestPendingAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand("SELECT MIN(\"CreatedAt\") FROM \"messaging_outbox\" WHERE \"SentAt\" IS NULL");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? reader.GetUtcDateTime(0) : null;
    }

    /// <summary>Unsent rows due at <paramref name="now"/>, in sequence order.</summary>
    public static async Task<List<OutboxMessage>> DueAsync(DbConnection connection, DateTime now, int limit, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            $"SELECT {Columns} FROM \"messaging_outbox\" WHERE \"SentAt\" IS NULL AND \"NextAttemptAt\" <= @now ORDER BY \"Sequence\" LIMIT @limit")
            .WithParameter("now", now)
            .WithParameter("limit", limit);
        return await command.ReadAllAsync(Read, ct);
    }

    /// <summary>Sent rows of <paramref name="type"/> with time in [from, to) after sequence <paramref name="after"/>, in sequence order.</summary>
    public static async Task<List<OutboxMessage>> SentAsync(
        DbConnection connection, string type, DateTime from, DateTime? to, long after, int limit, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            $"SELECT {Columns} FROM \"messaging_outbox\" WHERE \"Type\" = @type AND \"SentAt\" IS NOT NULL AND \"Time\" >= @from " +
            (to is null ? "" : "AND \"Time\" < @to ") +
            "AND \"Sequence\" > @after ORDER BY \"Sequence\" LIMIT @limit")
            .WithParameter("type", type)
            .WithParameter("from", from)
            .WithParameter("after", after)
            .WithParameter("limit", limit);
        if (to is not null) command.WithParameter("to", to.Value);
        return await command.ReadAllAsync(Read, ct);
    }

    /// <summary>Stores the outcome of a send round: <see cref="OutboxMessage.SentAt"/> or the failure and next attempt of each row.</summary>
    public static async Task SaveOutcomeAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> rows, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        foreach (var sent in rows.Where(r => r.SentAt is not null).GroupBy(r => r.SentAt!.Value))
        {
            foreach (var chunk in sent.Chunk(500))
            {
                var names = chunk.Select((_, i) => "@s" + i.ToString(CultureInfo.InvariantCulture));
                await using var command = connection.CreateCommand(
                    $"UPDATE \"messaging_outbox\" SET \"SentAt\" = @sentAt, \"LastError\" = NULL WHERE \"Sequence\" IN ({string.Join(", ", names)})", transaction)
                    .WithParameter("sentAt", sent.Key);
                for (var i = 0; i < chunk.Length; i++) command.WithParameter("s" + i.ToString(CultureInfo.InvariantCulture), chunk[i].Sequence);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        foreach (var failed in rows.Where(r => r.SentAt is null))
        {
            await using var command = connection.CreateCommand(
                "UPDATE \"messaging_outbox\" SET \"Attempts\" = @attempts, \"LastError\" = @error, \"NextAttemptAt\" = @next WHERE \"Sequence\" = @sequence", transaction)
                .WithParameter("attempts", failed.Attempts)
                .WithParameter("error", failed.LastError)
                .WithParameter("next", failed.NextAttemptAt)
                .WithParameter("sequence", failed.Sequence);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Deletes sent rows older than <paramref name="cutoff"/>; returns how many.</summary>
    public static async Task<int> PruneAsync(DbConnection connection, DateTime cutoff, CancellationToken ct)
    {
        await using var command = connection.CreateCommand("DELETE FROM \"messaging_outbox\" WHERE \"SentAt\" IS NOT NULL AND \"SentAt\" < @cutoff")
            .WithParameter("cutoff", cutoff);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static OutboxMessage Read(DbDataReader r) => new()
    {
        Sequence = r.GetInt64(0),
        EventId = r.GetGuid(1),
        Type = r.GetString(2),
        Tenant = r.GetNullableString(3),
        Time = r.GetUtcDateTime(4),
        Envelope = r.GetString(5),
        CreatedAt = r.GetUtcDateTime(6),
        SentAt = r.IsDBNull(7) ? null : r.GetUtcDateTime(7),
        Attempts = r.GetInt32(8),
        NextAttemptAt = r.GetUtcDateTime(9),
        LastError = r.GetNullableString(10),
    };
}
