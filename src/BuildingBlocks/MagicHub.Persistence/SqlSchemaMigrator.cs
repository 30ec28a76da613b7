using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagicHub.Persistence;

/// <summary>
/// Brings a <see cref="SqlDatabase{TDatabase}"/> to the current schema at start: an empty database (created first on
/// PostgreSQL) gets the provider's embedded create script, an existing one its pending <see cref="SchemaUpgrade"/>s
/// (<see cref="SchemaMigration.MigrateWithScriptAsync"/>); then the <see cref="ISqlDatabaseSeeder{TDatabase}"/>s run.
/// A hosted service: the work runs beside the rest of the start-up, the web server's included; meanwhile every
/// <see cref="SqlDatabase{TDatabase}.OpenAsync"/> waits for it (<see cref="SchemaReadiness{TDatabase}"/>) and the
/// <c>database</c> health check is unhealthy. The host's start still ends only once it is done, or fails with it.
/// </summary>
public sealed partial class SqlSchemaMigrator<TDatabase>(
    IServiceScopeFactory scopes, SchemaMigrationPlan<TDatabase> plan, SchemaReadiness<TDatabase> readiness,
    IHostApplicationLifetime lifetime, ILogger<SqlSchemaMigrator<TDatabase>> logger)
    : IHostedLifecycleService
    where TDatabase : class
{
    private Task _work = Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Begin();
        _work = Task.Run(() => RunAsync(lifetime.ApplicationStopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Runs after every hosted service started, the web server too, and before <c>ApplicationStarted</c>.</remarks>
    public Task StartedAsync(CancellationToken cancellationToken) => _work.WaitAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>Stopping the application cancels unfinished schema work.</remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _work.WaitAsync(cancellationToken);
        }
        catch (Exception) when (_work.IsFaulted || _work.IsCanceled || cancellationToken.IsCancellationRequested)
        {
            // Logged when it failed; stopping goes on.
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAndSeedAsync(cancellationToken);
            readiness.SetReady();
        }
        catch (Exception ex)
        {
            readiness.SetFailed(ex);
            if (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, typeof(TDatabase).Name);
            }
            throw;
        }
    }

    private async Task MigrateAndSeedAsync(CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Critical, Message = "Creating or upgrading the schema of {Database} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created schema of {Database} from its script in {ElapsedMs:0} ms")]
    private static partial void LogCreated(ILogger logger, string database, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema upgrade {UpgradeId} to {Database}")]
    private static partial void LogApplied(ILogger logger, string upgradeId, string database);
}
