using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Persistence;

/// <summary>The service's database as messaging sees it: connections to the SqlDatabase given to <c>AddMessaging&lt;TDatabase&gt;</c>.</summary>
internal interface IMessagingDatabase
{
    /// <summary>The engine behind the database.</summary>
    DatabaseProvider Provider { get; }

    /// <summary>An open connection, once the database is ready.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>Messaging's connections to <see cref="SqlDatabase{TDatabase}"/>.</summary>
internal sealed class MessagingDatabase<TDatabase>(SqlDatabase<TDatabase> database) : IMessagingDatabase
    where TDatabase : class
{
    public DatabaseProvider Provider => database.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            try
            {
                // Let SQLite wait for the writer (relay, dispatcher and the service share one file) instead of failing
                // into Microsoft.Data.Sqlite's coarse retry sleeps.
                await connection.ExecuteAsync("PRAGMA busy_timeout=10000;", null, cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        return connection;
    }
}
