namespace MagicHub.Persistence.Tests;

/// <summary>Version 1 of a <see cref="SqlDatabase{TDatabase}"/>: notes with a unique slug (scripts Sql/NotesSqlV1.*.sql).</summary>
public sealed class NotesSqlV1
{
    private NotesSqlV1()
    {
    }
}

/// <summary>Version 2: notes gained an author column, in its scripts and as an upgrade for version 1 databases.</summary>
public sealed class NotesSqlV2
{
    public static readonly IReadOnlyList<SchemaUpgrade> Upgrades =
    [
        new("0002_note_author", "ALTER TABLE \"notes\" ADD COLUMN \"Author\" TEXT NULL"),
    ];

    private NotesSqlV2()
    {
    }
}

/// <summary>Has a SQLite create script only.</summary>
public sealed class SqliteOnlySql
{
    private SqliteOnlySql()
    {
    }
}

/// <summary>Has a PostgreSQL create script only.</summary>
public sealed class PostgresOnlySql
{
    private PostgresOnlySql()
    {
    }
}
