using System.Data.Common;
using MagicHub.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace MagicHub.Testing;

/// <summary>
/// A service's database on SQLite (the default): each host gets its own file, <c>&lt;database&gt;.db</c>, in its data directory.
/// A test class that runs on both engines takes a <see cref="SqliteEngine"/>; its PostgreSQL twin gets a <see cref="PostgresEngine"/>.
/// </summary>
public class SqliteEngine : IAsyncLifetime
{
    /// <summary>The engine.</summary>
    public virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>The settings of a new, empty <paramref name="database"/> of the service's own, with its data in <paramref name="dataDirectory"/>.</summary>
    public virtual Dictionary<string, string?> Settings(string database, string dataDirectory) => new() { ["Data:Directory"] = dataDirectory };

    /// <summary>
    /// A connection to <paramref name="database"/> of <paramref name="settings"/>, created empty if missing, to arrange it
    /// before the service starts.
    /// </summary>
    public virtual async Task<DbConnection> OpenAsync(string database, IReadOnlyDictionary<string, string?> settings)
    {
        var directory = settings["Data:Directory"]!;
        Directory.CreateDirectory(directory);
        var connection = new SqliteConnection($"Data Source={Path.Combine(directory, database + ".db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A service's database on a real PostgreSQL server (<see cref="PostgresServer"/>, started once per fixture): each host gets
/// a database of its own (<c>ConnectionStrings:&lt;database&gt;</c>).
/// </summary>
public sealed class PostgresEngine : SqliteEngine
{
    private readonly PostgresServer _server = new();

    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <inheritdoc />
    public override Dictionary<string, string?> Settings(string database, string dataDirectory)
    {
        var settings = base.Settings(database, dataDirectory);
        settings["Database:Provider"] = "Postgres";
        settings[$"ConnectionStrings:{database}"] = new NpgsqlConnectionStringBuilder(_server.ConnectionString)
        {
            Database = database + "_" + Guid.NewGuid().ToString("N")[..12],
        }.ConnectionString;
        return settings;
    }

    /// <inheritdoc />
    public override async Task<DbConnection> OpenAsync(string database, IReadOnlyDictionary<string, string?> settings)
    {
        var target = new NpgsqlConnectionStringBuilder(settings[$"ConnectionStrings:{database}"]);
        await using (var server = new NpgsqlConnection(_server.ConnectionString))
        {
            await server.OpenAsync();
            await using var exists = server.CreateCommand("SELECT 1 FROM pg_database WHERE datname = @name").WithParameter("name", target.Database);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await server.ExecuteAsync($"CREATE DATABASE \"{target.Database}\"", null, CancellationToken.None);
            }
        }
        var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc />
    public override ValueTask InitializeAsync() => _server.InitializeAsync();

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }
}
