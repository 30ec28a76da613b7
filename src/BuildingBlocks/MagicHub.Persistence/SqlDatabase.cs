using System.Data.Common;

namespace MagicHub.Persistence;

/// <summary>
/// A service's own database used with plain SQL over ADO.NET (no EF Core: it builds its model and compiles queries at run
/// time, which Native AOT, how every service is published, cannot). Registered by
/// <see cref="PersistenceExtensions.AddServiceSqlDatabase{TDatabase}"/>; <typeparamref name="TDatabase"/> names the
/// database and carries its create scripts as embedded resources (<see cref="SchemaScript"/>).
/// Write SQL both engines run: quoted identifiers, <c>@name</c> parameters, <c>RETURNING</c>, <c>ON CONFLICT</c>.
/// </summary>
public sealed class SqlDatabase<TDatabase>(SchemaMigrationPlan<TDatabase> plan, SchemaReadiness<TDatabase> readiness)
    where TDatabase : class
{
    /// <summary>The engine behind the database.</summary>
    public DatabaseProvider Provider => plan.Provider;

    /// <summary>An open connection, once the start-up schema work is done (it waits for it, or throws its failure).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await readiness.WhenReadyAsync(cancellationToken);
        var connection = plan.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>
/// Fills a <see cref="SqlDatabase{TDatabase}"/> at start, right after its schema was created or upgraded and before the
/// database counts as ready: no request sees it unseeded. Registered as
/// <c>services.AddScoped&lt;ISqlDatabaseSeeder&lt;TDatabase&gt;, TSeeder&gt;()</c>; runs on every start, so it checks what is there.
/// </summary>
/// <typeparam name="TDatabase">The type that names the database.</typeparam>
public interface ISqlDatabaseSeeder<TDatabase>
    where TDatabase : class
{
    /// <summary>Adds the seed data the database lacks.</summary>
    /// <param name="connection">An open connection of the schema work (connections from <see cref="SqlDatabase{TDatabase}.OpenAsync"/> wait until seeding is done).</param>
    /// <param name="migration">What the schema step did: after <see cref="SchemaMigrationResult.Created"/> every table is empty.</param>
    /// <param name="cancellationToken">Cancelled when the application stops.</param>
    Task SeedAsync(DbConnection connection, SchemaMigrationResult migration, CancellationToken cancellationToken);
}
