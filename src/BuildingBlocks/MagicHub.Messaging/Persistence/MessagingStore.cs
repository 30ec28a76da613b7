using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Persistence;

/// <summary>
/// The messaging tables (<c>messaging_outbox</c>, <c>messaging_inbox</c>, <c>messaging_deliveries</c>,
/// <c>messaging_dead_letters</c>) in the service's own database, read and written with plain SQL that runs on SQLite and
/// PostgreSQL. Their create scripts are embedded as <c>MagicHub.Messaging.Persistence.MessagingTables.{sqlite|postgres}.sql</c>.
/// </summary>
public static class MessagingTables
{
    /// <summary>The create script of the messaging tables for <paramref name="provider"/> (idempotent: <c>IF NOT EXISTS</c>).</summary>
    public static string Script(DatabaseProvider provider) =>
        SchemaScript.Read(typeof(MessagingTables), provider) ?? throw new InvalidOperationException($"MagicHub.Messaging lacks its {provider} script.");
}

/// <summary>Opens connections to the database that holds the messaging tables: the service's <see cref="SqlDatabase{TDatabase}"/>.</summary>
public sealed class MessagingStore(Func<CancellationToken, Task<DbConnection>> open)
{
    /// <summary>An open connection (after the service's schema work).</summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => open(cancellationToken);
}

/// <summary>
/// Creates the messaging tables, if missing, at every start of the service's database (before it counts as ready), so
/// the service's own create scripts leave them out and databases made by older versions keep theirs.
/// </summary>
internal sealed class MessagingTablesSeeder<TDatabase>(SqlDatabase<TDatabase> database) : ISqlDatabaseSeeder<TDatabase>
    where TDatabase : class
{
    public async Task SeedAsync(DbConnection connection, SchemaMigrationResult migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Two instances starting at once would otherwise race on CREATE TABLE IF NOT EXISTS.
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('magichub.messaging.tables'))", transaction, cancellationToken);
        }
        await connection.ExecuteAsync(MessagingTables.Script(database.Provider), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
