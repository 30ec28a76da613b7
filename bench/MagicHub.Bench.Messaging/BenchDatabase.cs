using System.Data.Common;
using MagicHub.Messaging;
using MagicHub.Messaging.Samples;
using MagicHub.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MagicHub.Bench.Messaging;

/// <summary>A service database (SqlDatabase): a state table and an effects table; the messaging tables come from AddMessaging.</summary>
internal sealed class BenchDatabase
{
    public const string Name = "bench";

    /// <summary>An open connection that lets SQLite wait for a busy writer (the relay, dispatcher and writers share one file).</summary>
    public static async Task<DbConnection> OpenAsync(IHost host, CancellationToken ct = default)
    {
        var connection = await host.Services.GetRequiredService<SqlDatabase<BenchDatabase>>().OpenAsync(ct);
        await connection.ExecuteAsync("PRAGMA busy_timeout=10000;", null, ct);
        return connection;
    }

    public static async Task AddRecordingAsync(DbTransaction transaction, Guid id, string mediaUri, CancellationToken ct = default)
    {
        await using var command = transaction.Connection!.CreateCommand("INSERT INTO \"Recordings\" (\"Id\", \"MediaUri\") VALUES (@id, @uri)", transaction)
            .WithParameter("id", id)
            .WithParameter("uri", mediaUri);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task AddEffectAsync(DbTransaction transaction, Guid eventId, CancellationToken ct = default)
    {
        await using var command = transaction.Connection!.CreateCommand("INSERT INTO \"Effects\" (\"EventId\") VALUES (@id)", transaction)
            .WithParameter("id", eventId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A number the bench polls, e.g. <c>SELECT COUNT(*) FROM "Effects"</c>.</summary>
    public static async Task<int> CountAsync(IHost host, string sql)
    {
        await using var connection = await OpenAsync(host);
        await using var command = connection.CreateCommand(sql);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first row's text of <paramref name="sql"/>, or null.</summary>
    public static async Task<string?> TextAsync(IHost host, string sql)
    {
        await using var connection = await OpenAsync(host);
        await using var command = connection.CreateCommand(sql);
        return await command.ExecuteScalarAsync() as string;
    }
}

/// <summary>The consumer's work: one effect row per event, in the delivery transaction.</summary>
internal sealed class BenchHandler : IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        BenchDatabase.AddEffectAsync(context.Transaction!, evt.Id, cancellationToken);
}
