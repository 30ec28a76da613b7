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
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it meanwhile.
        }
    }
}
