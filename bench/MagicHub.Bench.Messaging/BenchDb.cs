using System.Data.Common;
using MagicHub.Messaging;
using MagicHub.Messaging.Samples;
using MagicHub.Persistence;

namespace MagicHub.Bench.Messaging;

/// <summary>A service database (SqlDatabase on SQLite): a state table, an effects table, and the messaging tables messaging adds.</summary>
internal sealed class BenchDb
{
    public static async Task AddRecordingAsync(DbTransaction tx, Guid id, string mediaUri)
    {
        await using var insert = tx.Connection!.CreateCommand("""INSERT INTO "Recordings" ("Id", "MediaUri") VALUES (@id, @uri)""", tx)
            .WithParameter("id", id).WithParameter("uri", mediaUri);
        await insert.ExecuteNonQueryAsync();
    }

    public static async Task AddEffectAsync(DbTransaction tx, Guid eventId, CancellationToken ct)
    {
        await using var insert = tx.Connection!.CreateCommand("""INSERT INTO "Effects" ("EventId") VALUES (@eventId)""", tx).WithParameter("eventId", eventId);
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The single value <paramref name="sql"/> selects.</summary>
    public static async Task<T?> ScalarAsync<T>(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand(sql);
        return await command.ExecuteScalarAsync() is T value ? value : default;
    }
}

/// <summary>The consumer's work: one effect row per event, in the delivery transaction.</summary>
internal sealed class BenchHandler : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        BenchDb.AddEffectAsync(context.Transaction!, evt.Id, cancellationToken);
}
