using System.Data.Common;
using Microsoft.Data.Sqlite;

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
