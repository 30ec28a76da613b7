using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
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
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);
}
