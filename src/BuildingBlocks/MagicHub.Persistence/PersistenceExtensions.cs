using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MagicHub.Persistence;

/// <summary>Registers a service's own database: SQLite by default, PostgreSQL by configuration alone.</summary>
public static class PersistenceExtensions
{
    /// <summary>
    /// Adds <see cref="SqlDatabase{TDatabase}"/> (plain SQL over ADO.NET, usable in Native AOT) on the configured provider, a
    /// readiness check named <c>database</c>, and a start-up step that creates the schema from the embedded scripts of
    /// <typeparamref name="TDatabase"/> or applies pending <paramref name="upgrades"/>, then runs the registered
    /// <see cref="ISqlDatabaseSeeder{TDatabase}"/>s, beside the server's start (see <see cref="SqlSchemaMigrator{TDatabase}"/>).
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="name">The database's name, usually the service name (<c>prompts.db</c>, <c>magichub_prompts</c>).</param>
    /// <param name="upgrades">Ordered schema changes for databases created by earlier versions.</param>
    public static IHostApplicationBuilder AddServiceSqlDatabase<TDatabase>(
        this IHostApplicationBuilder builder, string name, IReadOnlyList<SchemaUpgrade>? upgrades = null)
        where TDatabase : class
    {
        var options = ReadOptions(builder.Configuration);
        var connectionString = ConnectionStringFor(builder.Configuration, options, name);
        builder.Services.AddSingleton<SchemaReadiness<TDatabase>>();
        builder.Services.AddSingleton(new SchemaMigrationPlan<TDatabase>(options.Provider, connectionString, upgrades ?? []));
        builder.Services.AddSingleton<SqlDatabase<TDatabase>>();
        builder.Services.AddHostedService<SqlSchemaMigrator<TDatabase>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TDatabase>>("database", HealthStatus.Unhealthy, ["ready"]);
        return builder;
    }

    /// <summary>Reads <see cref="DatabaseOptions"/> from the <c>Database</c> and <c>Data</c> sections.</summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.DataDirectory = configuration["Data:Directory"] ?? options.DataDirectory;
        return options;
    }

    /// <summary>The connection string of database <paramref name="name"/> under <paramref name="options"/>.</summary>
    public static string ConnectionStringFor(IConfiguration configuration, DatabaseOptions options, string name)
    {
        if (configuration.GetConnectionString(name) is { Length: > 0 } explicitConnection)
        {
            return explicitConnection;
        }
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var directory = Path.GetFullPath(options.DataDirectory);
            Directory.CreateDirectory(directory);
            return $"Data Source={Path.Combine(directory, name + ".db")};Pooling=True";
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Database:Provider is Postgres but Database:ConnectionString is not set.");
        }
        return PostgresDatabase.ConnectionString(options.ConnectionString, name);
    }
}
