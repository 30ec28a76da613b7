using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MagicHub.Persistence;

/// <summary>
/// Everything that touches Npgsql, kept apart so that a service on SQLite (the default) never loads the Npgsql
/// assemblies: the runtime loads an assembly when a method that uses its types first runs, not when a caller merely could.
/// </summary>
internal static class PostgresDatabase
{
    public static string ConnectionString(string serverConnectionString, string name) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "magichub_" + name }.ConnectionString;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3));

    public static DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);
}
