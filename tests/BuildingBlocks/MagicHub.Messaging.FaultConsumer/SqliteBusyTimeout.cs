using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MagicHub.Messaging.Samples;

/// <summary>
/// Lets SQLite itself wait for a busy writer (busy_timeout) instead of failing fast into
/// Microsoft.Data.Sqlite's coarse retry sleeps; the relay, dispatcher and publishers share one file.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
