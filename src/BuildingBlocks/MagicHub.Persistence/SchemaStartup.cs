using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagicHub.Persistence;

/// <summary>The provider, connection string and ordered upgrades of a <see cref="SqlDatabase{TDatabase}"/>'s schema.</summary>
public sealed record SchemaMigrationPlan<TDatabase>(DatabaseProvider Provider, string ConnectionString, IReadOnlyList<SchemaUpgrade> Upgrades)
    where TDatabase : class
{
    /// <summary>
    /// A plain ADO.NET connection to the database. With <paramref name="existingOnly"/> a SQLite file that does not exist yet is not created.
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
/// included; meanwhile every connection of <typeparamref name="TDatabase"/> waits for it (<see cref="SchemaReadiness{TDatabase}"/>)
/// and the <c>database</c> health check is unhealthy. The host's start still ends only once it is done, or fails with it.
/// </summary>
public abstract partial class SchemaStartup<TDatabase>(SchemaReadiness<TDatabase> readiness, IHostApplicationLifetime lifetime, ILogger logger)
    : IHostedLifecycleService
    where TDatabase : class
{
    private Task _work = Task.CompletedTask;

    /// <summary>Where the work stands.</summary>
    protected SchemaReadiness<TDatabase> Readiness { get; } = readiness;

    /// <summary>Creates or upgrades the schema and seeds it; <see cref="SchemaReadiness{TDatabase}"/> is set from its outcome.</summary>
    protected abstract Task MigrateAndSeedAsync(CancellationToken cancellationToken);

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
        }
        catch (Exception ex)
        {
            Readiness.SetFailed(ex);
            if (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, typeof(TDatabase).Name);
            }
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Creating or upgrading the schema of {Database} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string database);
}
