using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Persistence;

/// <summary>The SQL of the messaging tables and the mapping of their rows.</summary>
internal static class MessagingSql
{
    private const string OutboxColumns =
        """ "Sequence", "EventId", "Type", "Tenant", "Time", "Envelope", "CreatedAt", "SentAt", "Attempts", "NextAttemptAt", "LastError" """;

    private const string DeliveryColumns = """ "Id", "Subscriber", "EventId", "Type", "Envelope", "IsReplay", "EnqueuedAt" """;

    private const string DeadLetterColumns = """ "Id", "Subscriber", "EventId", "Type", "Envelope", "Reason", "Attempts", "DeadLetteredAt" """;

    /// <summary>Timestamps are stored as UTC; SQLite hands them back unspecified.</summary>
    public static DateTime Utc(this DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public static Task<int> InsertOutboxAsync(DbTransaction tx, OutboxMessage m, CancellationToken ct) =>
        tx.Connection!.CreateCommand(
            """
            INSERT INTO "messaging_outbox" ("EventId", "Type", "Tenant", "Time", "Envelope", "CreatedAt", "SentAt", "Attempts", "NextAttemptAt", "LastError")
            VALUES (@eventId, @type, @tenant, @time, @envelope, @createdAt, NULL, 0, @nextAttemptAt, NULL)
            """, tx)
            .WithParameter("eventId", m.EventId).WithParameter("type", m.Type).WithParameter("tenant", m.Tenant)
            .WithParameter("time", m.Time).WithParameter("envelope", m.Envelope).WithParameter("createdAt", m.CreatedAt)
            .WithParameter("nextAttemptAt", m.NextAttemptAt)
            .ExecuteAndDisposeAsync(ct);

    /// <summary>Creation time of the oldest unsent row, or null when everything is sent.</summary>
    public static async Task<DateTime?> OldestPendingAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            """SELECT "CreatedAt" FROM "messaging_outbox" WHERE "SentAt" IS NULL ORDER BY "Sequence" LIMIT 1""");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.Utc(0) : null;
    }

    public static async Task<List<OutboxMessage>> DueOutboxAsync(DbConnection connection, DateTime now, int limit, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            $"""SELECT {OutboxColumns} FROM "messaging_outbox" WHERE "SentAt" IS NULL AND "NextAttemptAt" <= @now ORDER BY "Sequence" LIMIT @limit""")
            .WithParameter("now", now).WithParameter("limit", limit);
        return await command.ReadAllAsync(ReadOutbox, ct);
    }

    /// <summary>Sent rows of <paramref name="type"/> with time in [from, to) after <paramref name="after"/>, in outbox order.</summary>
    public static async Task<List<OutboxMessage>> SentOutboxAsync(DbConnection connection, string type, DateTime from, DateTime? to, long after, int limit, CancellationToken ct)
    {
        var until = to is null ? "" : """ AND "Time" < @to""";
        await using var command = connection.CreateCommand(
            $"""
            SELECT {OutboxColumns} FROM "messaging_outbox"
            WHERE "Type" = @type AND "SentAt" IS NOT NULL AND "Time" >= @from AND "Sequence" > @after{until}
            ORDER BY "Sequence" LIMIT @limit
            """)
            .WithParameter("type", type).WithParameter("from", from).WithParameter("after", after).WithParameter("limit", limit);
        if (to is not null) command.WithParameter("to", to.Value);
        return await command.ReadAllAsync(ReadOutbox, ct);
    }

    public static Task<int> MarkSentAsync(DbTransaction tx, long sequence, DateTime sentAt, CancellationToken ct) =>
        tx.Connection!.CreateCommand("""UPDATE "messaging_outbox" SET "SentAt" = @sentAt, "LastError" = NULL WHERE "Sequence" = @sequence""", tx)
            .WithParameter("sentAt", sentAt).WithParameter("sequence", sequence)
            .ExecuteAndDisposeAsync(ct);

    public static Task<int> MarkFailedAsync(DbTransaction tx, OutboxMessage m, CancellationToken ct) =>
        tx.Connection!.CreateCommand(
            """UPDATE "messaging_outbox" SET "Attempts" = @attempts, "LastError" = @error, "NextAttemptAt" = @next WHERE "Sequence" = @sequence""", tx)
            .WithParameter("attempts", m.Attempts).WithParameter("error", m.LastError).WithParameter("next", m.NextAttemptAt)
            .WithParameter("sequence", m.Sequence)
            .ExecuteAndDisposeAsync(ct);

    public static Task<int> PruneOutboxAsync(DbConnection connection, DateTime cutoff, CancellationToken ct) =>
        connection.CreateCommand("""DELETE FROM "messaging_outbox" WHERE "SentAt" IS NOT NULL AND "SentAt" < @cutoff""")
            .WithParameter("cutoff", cutoff).ExecuteAndDisposeAsync(ct);

    public static Task<int> PruneInboxAsync(DbConnection connection, DateTime cutoff, CancellationToken ct) =>
        connection.CreateCommand("""DELETE FROM "messaging_inbox" WHERE "HandledAt" < @cutoff""")
            .WithParameter("cutoff", cutoff).ExecuteAndDisposeAsync(ct);

    /// <summary>Records that the subscriber handled the event; false when the inbox already had it.</summary>
    public static async Task<bool> TryAddInboxAsync(DbTransaction tx, string subscriber, Guid eventId, string type, DateTime handledAt, CancellationToken ct) =>
        await tx.Connection!.CreateCommand(
            """
            INSERT INTO "messaging_inbox" ("Subscriber", "EventId", "Type", "HandledAt") VALUES (@subscriber, @eventId, @type, @handledAt)
            ON CONFLICT DO NOTHING
            """, tx)
            .WithParameter("subscriber", subscriber).WithParameter("eventId", eventId).WithParameter("type", type).WithParameter("handledAt", handledAt)
            .ExecuteAndDisposeAsync(ct) > 0;

    public static async Task<bool> InInboxAsync(DbConnection connection, string subscriber, Guid eventId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand("""SELECT 1 FROM "messaging_inbox" WHERE "Subscriber" = @subscriber AND "EventId" = @eventId""")
            .WithParameter("subscriber", subscriber).WithParameter("eventId", eventId);
        return await command.AnyAsync(ct);
    }

    public static Task<int> InsertDeliveryAsync(DbTransaction tx, QueuedDelivery d, CancellationToken ct) =>
        tx.Connection!.CreateCommand(
            """
            INSERT INTO "messaging_deliveries" ("Subscriber", "EventId", "Type", "Envelope", "IsReplay", "EnqueuedAt")
            VALUES (@subscriber, @eventId, @type, @envelope, @isReplay, @enqueuedAt)
            """, tx)
            .WithParameter("subscriber", d.Subscriber).WithParameter("eventId", d.EventId).WithParameter("type", d.Type)
            .WithParameter("envelope", d.Envelope).WithParameter("isReplay", d.IsReplay).WithParameter("enqueuedAt", d.EnqueuedAt)
            .ExecuteAndDisposeAsync(ct);

    public static async Task<List<QueuedDelivery>> QueuedDeliveriesAsync(DbConnection connection, int limit, CancellationToken ct)
    {
        await using var command = connection.CreateCommand($"""SELECT {DeliveryColumns} FROM "messaging_deliveries" ORDER BY "Id" LIMIT @limit""")
            .WithParameter("limit", limit);
        return await command.ReadAllAsync(ReadDelivery, ct);
    }

    public static Task<int> DeleteDeliveryAsync(DbTransaction tx, long id, CancellationToken ct) =>
        tx.Connection!.CreateCommand("""DELETE FROM "messaging_deliveries" WHERE "Id" = @id""", tx)
            .WithParameter("id", id).ExecuteAndDisposeAsync(ct);

    public static Task<int> InsertDeadLetterAsync(DbTransaction tx, DeadLetter d, CancellationToken ct) =>
        tx.Connection!.CreateCommand(
            """
            INSERT INTO "messaging_dead_letters" ("Subscriber", "EventId", "Type", "Envelope", "Reason", "Attempts", "DeadLetteredAt")
            VALUES (@subscriber, @eventId, @type, @envelope, @reason, @attempts, @deadLetteredAt)
            """, tx)
            .WithParameter("subscriber", d.Subscriber).WithParameter("eventId", d.EventId).WithParameter("type", d.Type)
            .WithParameter("envelope", d.Envelope).WithParameter("reason", d.Reason).WithParameter("attempts", d.Attempts)
            .WithParameter("deadLetteredAt", d.DeadLetteredAt)
            .ExecuteAndDisposeAsync(ct);

    /// <summary>Dead letters, newest first, of one subscriber or all; with <paramref name="eventId"/> only that event's.</summary>
    public static async Task<List<DeadLetter>> DeadLettersAsync(DbConnection connection, DbTransaction? tx, string? subscriber, Guid? eventId, int limit, CancellationToken ct)
    {
        var where = new List<string>();
        if (subscriber is not null) where.Add("\"Subscriber\" = @subscriber");
        if (eventId is not null) where.Add("\"EventId\" = @eventId");
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        await using var command = connection.CreateCommand(
            $"""SELECT {DeadLetterColumns} FROM "messaging_dead_letters"{filter} ORDER BY "Id" DESC LIMIT @limit""", tx)
            .WithParameter("limit", limit);
        if (subscriber is not null) command.WithParameter("subscriber", subscriber);
        if (eventId is not null) command.WithParameter("eventId", eventId.Value);
        return await command.ReadAllAsync(ReadDeadLetter, ct);
    }

    public static Task<int> DeleteDeadLettersAsync(DbConnection connection, DbTransaction? tx, string subscriber, Guid? eventId, CancellationToken ct)
    {
        var command = connection.CreateCommand(
            """DELETE FROM "messaging_dead_letters" WHERE "Subscriber" = @subscriber""" + (eventId is null ? "" : """ AND "EventId" = @eventId"""), tx)
            .WithParameter("subscriber", subscriber);
        if (eventId is not null) command.WithParameter("eventId", eventId.Value);
        return command.ExecuteAndDisposeAsync(ct);
    }

    private static OutboxMessage ReadOutbox(DbDataReader r) => new()
    {
        Sequence = r.GetInt64(0),
        EventId = r.GetGuid(1),
        Type = r.GetString(2),
        Tenant = r.GetNullableString(3),
        Time = r.Utc(4),
        Envelope = r.GetString(5),
        CreatedAt = r.Utc(6),
        SentAt = r.IsDBNull(7) ? null : r.Utc(7),
        Attempts = r.GetInt32(8),
        NextAttemptAt = r.Utc(9),
        LastError = r.GetNullableString(10),
    };

    private static QueuedDelivery ReadDelivery(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Subscriber = r.GetString(1),
        EventId = r.GetGuid(2),
        Type = r.GetString(3),
        Envelope = r.GetString(4),
        IsReplay = r.GetBoolean(5),
        EnqueuedAt = r.Utc(6),
    };

    private static DeadLetter ReadDeadLetter(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Subscriber = r.GetString(1),
        EventId = r.GetGuid(2),
        Type = r.GetString(3),
        Envelope = r.GetString(4),
        Reason = r.GetString(5),
        Attempts = r.GetInt32(6),
        DeadLetteredAt = r.Utc(7),
    };

    private static async Task<int> ExecuteAndDisposeAsync(this DbCommand command, CancellationToken ct)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
    }
}
