using System.Data.Common;
using System.Runtime.CompilerServices;
using Npgsql;

namespace MagicHub.Persistence;

/// <summary>
/// Everything that touches Npgsql, kept apart so that a service on SQLite (the default) never loads the Npgsql
/// assemblies: the runtime loads an assembly when a method that uses its types first runs, not when a caller merely could.
/// No method is inlined into its caller, or the caller would load Npgsql when it is compiled.
/// </summary>
internal static class PostgresDatabase
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string ConnectionString(string serverConnectionString, string name) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "magichub_" + name }.ConnectionString;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    // An arbitrary constant: advisory locks are per database, so one key serves every service's own database.
    private const long SchemaLockKey = 0x4d61676963487562;

    /// <summary>
    /// Waits for, then holds, the schema lock of the database <paramref name="connection"/> is open on (a session-level
    /// advisory lock), until the returned handle is disposed or the connection closes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand("SELECT pg_advisory_lock(@key)").WithParameter("key", SchemaLockKey))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return new SchemaLock(connection);
    }

    private sealed class SchemaLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var command = connection.CreateCommand("SELECT pg_advisory_unlock(@key)").WithParameter("key", SchemaLockKey);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Creates the database <paramref name="connectionString"/> names unless the server has it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new InvalidOperationException("The PostgreSQL connection string names no database.");
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = connection.CreateCommand("SELECT 1 FROM pg_database WHERE datname = @name").WithParameter("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }
        try
        {
            await connection.ExecuteAsync($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", null, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it meanwhile (a CREATE DATABASE racing another one fails on pg_database's unique index).
        }
    }
}
