using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Samples;

/// <summary>
/// A service database (<see cref="SqlDatabase{TDatabase}"/>): its own state (recordings, effects) from the embedded
/// scripts beside this file; the messaging tables come from AddMessaging.
/// </summary>
public sealed class SampleDatabase
{
    /// <summary>The database name (<c>ConnectionStrings:sample</c>).</summary>
    public const string Name = "sample";
}

/// <summary>The sample tables' SQL.</summary>
public static class SampleSql
{
    /// <summary>An open connection that lets SQLite wait for a busy writer instead of failing into coarse retry sleeps.</summary>
    public static async Task<DbConnection> OpenAsync(this SqlDatabase<SampleDatabase> database, bool waitForWriter, CancellationToken ct)
    {
        var connection = await database.OpenAsync(ct);
        if (waitForWriter && database.Provider == DatabaseProvider.Sqlite)
        {
            await connection.ExecuteAsync("PRAGMA busy_timeout=10000;", null, ct);
        }
        return connection;
    }

    /// <summary>Stores a recording (the state change that goes with a published event).</summary>
    public static async Task AddRecordingAsync(DbTransaction transaction, int number, Guid id, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand("INSERT INTO \"Recordings\" (\"Number\", \"Id\") VALUES (@number, @id)", transaction)
            .WithParameter("number", number)
            .WithParameter("id", id);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The highest recording number, 0 when none.</summary>
    public static async Task<int> LastRecordingAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand("SELECT MAX(\"Number\") FROM \"Recordings\"");
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Records one effect row (a handler's work) in the delivery's transaction.</summary>
    public static async Task AddEffectAsync(this DeliveryContext context, string subscriber, Guid eventId, Guid recordingId, string? detail, CancellationToken ct)
    {
        var transaction = context.Transaction ?? throw new InvalidOperationException("A transactional subscription has a transaction.");
        await AddEffectAsync(transaction.Connection!, transaction, subscriber, eventId, recordingId, detail, ct);
    }

    /// <summary>Records one effect row.</summary>
    public static async Task AddEffectAsync(DbConnection connection, DbTransaction? transaction, string subscriber, Guid eventId, Guid recordingId, string? detail, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(
            "INSERT INTO \"Effects\" (\"Subscriber\", \"EventId\", \"RecordingId\", \"Detail\") VALUES (@subscriber, @eventId, @recordingId, @detail)", transaction)
            .WithParameter("subscriber", subscriber)
            .WithParameter("eventId", eventId)
            .WithParameter("recordingId", recordingId)
            .WithParameter("detail", detail);
        await command.ExecuteNonQueryAsync(ct);
    }
}
