using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Samples;

/// <summary>
/// A service database on <see cref="SqlDatabase{TDatabase}"/>: its own state (recordings, effects) from the embedded
/// scripts; messaging adds its tables.
/// </summary>
public sealed class SampleDatabase
{
    /// <summary>Stores a recording (the state change that goes with a published event).</summary>
    public static async Task AddRecordingAsync(DbTransaction tx, int number, Guid id, CancellationToken ct)
    {
        await using var insert = tx.Connection!.CreateCommand("""INSERT INTO "Recordings" ("Number", "Id") VALUES (@number, @id)""", tx)
            .WithParameter("number", number).WithParameter("id", id);
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records one handler run (counting these checks "exactly once by effect").</summary>
    public static async Task AddEffectAsync(DbTransaction tx, string subscriber, Guid eventId, Guid recordingId, string? detail, CancellationToken ct)
    {
        await using var insert = tx.Connection!.CreateCommand(
            """INSERT INTO "Effects" ("Subscriber", "EventId", "RecordingId", "Detail") VALUES (@subscriber, @eventId, @recordingId, @detail)""", tx)
            .WithParameter("subscriber", subscriber).WithParameter("eventId", eventId).WithParameter("recordingId", recordingId).WithParameter("detail", detail);
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The highest recording number stored, or 0.</summary>
    public static async Task<int> LastRecordingAsync(DbConnection connection, CancellationToken ct)
    {
        await using var select = connection.CreateCommand("""SELECT COALESCE(MAX("Number"), 0) FROM "Recordings" """);
        return Convert.ToInt32(await select.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
