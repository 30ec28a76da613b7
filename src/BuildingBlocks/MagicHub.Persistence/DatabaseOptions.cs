using System.ComponentModel.DataAnnotations;

namespace MagicHub.Persistence;

/// <summary>The relational engine behind a service's database.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file per service under the data directory (embedded default).</summary>
    Sqlite,

    /// <summary>PostgreSQL, a database per service.</summary>
    Postgres,
}

/// <summary>Database settings shared by every service (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// PostgreSQL server connection string (host, port, user, password). The service's database name,
    /// <c>magichub_{service}</c>, is set on it unless <c>ConnectionStrings:{service}</c> gives a complete one.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the SQLite files (and other local data); section <c>Data:Directory</c>, default <c>./data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";
}

/// <summary>One ordered schema change applied to existing databases; fresh databases are created at the latest schema.</summary>
/// <param name="Id">Unique, ordered identifier, e.g. <c>0002_add_call_language</c>.</param>
/// <param name="Sql">The statement for SQLite (and for PostgreSQL when <paramref name="PostgresSql"/> is null).</param>
/// <param name="PostgresSql">The statement for PostgreSQL when it differs.</param>
public sealed record SchemaUpgrade(string Id, string Sql, string? PostgresSql = null);
