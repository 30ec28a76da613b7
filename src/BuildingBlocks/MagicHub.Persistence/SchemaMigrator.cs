using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagicHub.Persistence;

/// <summary>The provider, connection string and ordered upgrades of one database's schema (a DbContext's or a <see cref="SqlDatabase{TDatabase}"/>'s).</summary>
public sealed record SchemaMigrationPlan<TContext>(DatabaseProvider Provider, string ConnectionString, IReadOnlyList<SchemaUpgrade> Upgrades)
    where TContext : class
{
    /// <summary>
    /// A plain ADO.NET connection to the database, for start-up work that should not wait for EF Core's model.
    /// With <paramref name="existingOnly"/> a SQLite file that does not exist yet is not created.
    /// </summary>
    public DbConnection CreateConnection(bool existingOnly = false) => Provider switch
    {
        DatabaseProvider.Postgres => PostgresDatabase.CreateConnection(ConnectionString),
        _ => new SqliteConnection(existingOnly
            ? new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadWrite }.ConnectionString
            : ConnectionString),
    };
}

/// <summary>
/// The start-up schema work of one database as a hosted service: it runs beside the rest of the start-up, the web server's
/// included; meanwhile every connection of <typeparamref name="TContext"/> waits for it (<see cref="SchemaReadiness{TContext}"/>)
/// and the <c>database</c> health check is unhealthy. The host's start still ends only once it is done, or fails with it.
/// </summary>
public abstract partial class SchemaStartup<TContext>(SchemaReadiness<TContext> readiness, IHostApplicationLifetime lifetime, ILogger logger)
    : IHostedLifecycleService
    where TContext : class
{
    private Task _work = Task.CompletedTask;

    /// <summary>Where the work stands; the work lets its own connection through with <see cref="SchemaReadiness{TContext}.AllowStartupWork"/>.</summary>
    protected SchemaReadiness<TContext> Readiness { get; } = readiness;

    /// <summary>Creates or upgrades the schema and seeds it; <see cref="SchemaReadiness{TContext}"/> is set from its outcome.</summary>
    protected abstract Task MigrateAndSeedAsync(CancellationToken cancellationToken);

    /// <summary>Work done once the database is ready, still before the host's start ends (its failure fails the start).</summary>
    protected virtual void WarmUp()
    {
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Readiness.Begin();
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
            Readiness.SetReady();
            WarmUp();
        }
        catch (Exception ex)
        {
            Readiness.SetFailed(ex);
            if (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, typeof(TContext).Name);
            }
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Creating or upgrading the schema of {Context} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string context);
}

/// <summary>
/// Brings the database of a DbContext to the current schema at start (<see cref="SchemaMigration"/>; a new SQLite database
/// from its <see cref="SchemaScript"/> when it has one), then runs the <see cref="IDatabaseSeeder{TContext}"/>s, as a
/// <see cref="SchemaStartup{TContext}"/>.
/// </summary>
public sealed partial class SchemaMigrator<TContext>(
    IServiceScopeFactory scopes, SchemaMigrationPlan<TContext> plan, SchemaReadiness<TContext> readiness,
    IHostApplicationLifetime lifetime, ILogger<SchemaMigrator<TContext>> logger)
    : SchemaStartup<TContext>(readiness, lifetime, logger)
    where TContext : DbContext
{
    /// <inheritdoc />
    protected override async Task MigrateAndSeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        Readiness.AllowStartupWork(db);
        var migration = await CreateFromScriptAsync(cancellationToken)
            ?? await SchemaMigration.MigrateAsync(db, plan.Provider, plan.Upgrades, logger, cancellationToken);
        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
        {
            await seeder.SeedAsync(db, migration, cancellationToken);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Requests may come now; the model, not needed yet by a database created from its script, is built here rather than
    /// by the first of them (and an invalid model still fails the start).
    /// </remarks>
    protected override void WarmUp()
    {
        using var scope = scopes.CreateScope();
        _ = scope.ServiceProvider.GetRequiredService<TContext>().Model;
    }

    private async Task<SchemaMigrationResult?> CreateFromScriptAsync(CancellationToken cancellationToken)
    {
        if (plan.Provider != DatabaseProvider.Sqlite || SchemaScript.ReadSqlite(typeof(TContext)) is not { } script)
        {
            return null;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var created = await SchemaMigration.TryCreateFromScriptAsync(plan.ConnectionString, script, plan.Upgrades, cancellationToken);
        if (created is not null)
        {
            LogCreatedFromScript(logger, typeof(TContext).Name, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return created;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created schema of {Context} from its script in {ElapsedMs:0} ms")]
    private static partial void LogCreatedFromScript(ILogger logger, string context, double elapsedMs);
}
