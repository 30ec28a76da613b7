using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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

/// <summary>
/// Brings a <see cref="SqlDatabase{TDatabase}"/> to the current schema at start: an empty database (created first on
/// PostgreSQL) gets the provider's embedded create script, an existing one its pending <see cref="SchemaUpgrade"/>s
/// (<see cref="SchemaMigration.MigrateWithScriptAsync"/>); then the <see cref="ISqlDatabaseSeeder{TDatabase}"/>s run.
/// </summary>
public sealed partial class SqlSchemaMigrator<TDatabase>(
    IServiceScopeFactory scopes, SchemaMigrationPlan<TDatabase> plan, SchemaReadiness<TDatabase> readiness,
    IHostApplicationLifetime lifetime, ILogger<SqlSchemaMigrator<TDatabase>> logger)
    : SchemaStartup<TDatabase>(readiness, lifetime, logger)
    where TDatabase : class
{
    /// <inheritdoc />
    protected override async Task MigrateAndSeedAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var script = SchemaScript.Read(typeof(TDatabase), plan.Provider)
            ?? throw new InvalidOperationException($"{typeof(TDatabase).Name} has no embedded {plan.Provider} create script ({SchemaScript.ResourceName(typeof(TDatabase), plan.Provider)}).");
        if (plan.Provider == DatabaseProvider.Postgres)
        {
            await PostgresDatabase.EnsureDatabaseAsync(plan.ConnectionString, cancellationToken);
        }
        await using var connection = plan.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        // Replicas starting together on one PostgreSQL database take turns, so one creates the schema and the others find
        // it, and seeders' CREATE … IF NOT EXISTS never race (PostgreSQL fails the second of two at once). SQLite is
        // one process's file: its transaction is enough.
        await using var turn = plan.Provider == DatabaseProvider.Postgres
            ? await PostgresDatabase.LockSchemaAsync(connection, cancellationToken)
            : null;
        var migration = await SchemaMigration.MigrateWithScriptAsync(connection, plan.Provider, script, plan.Upgrades, cancellationToken);
        var elapsedMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (migration.Created)
        {
            LogCreated(logger, typeof(TDatabase).Name, elapsedMs);
        }
        foreach (var id in migration.Applied)
        {
            LogApplied(logger, id, typeof(TDatabase).Name);
        }
        await using var scope = scopes.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<ISqlDatabaseSeeder<TDatabase>>())
        {
            await seeder.SeedAsync(connection, migration, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created schema of {Database} from its script in {ElapsedMs:0} ms")]
    private static partial void LogCreated(ILogger logger, string database, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema upgrade {UpgradeId} to {Database}")]
    private static partial void LogApplied(ILogger logger, string upgradeId, string database);
}
