using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace MagicHub.Persistence;

/// <summary>What one run of <see cref="SchemaMigration.MigrateAsync"/> did.</summary>
/// <param name="Created">True when the database had no tables and its schema was created from the model: every table is empty.</param>
/// <param name="Applied">On an existing schema, the ids of the upgrades it applied (and <c>create:{table}</c> for tables it added).</param>
public sealed record SchemaMigrationResult(bool Created, IReadOnlyList<string> Applied);

/// <summary>The create-or-upgrade routine behind <see cref="SchemaMigrator{TContext}"/>, callable directly (tools, tests).</summary>
public static class SchemaMigration
{
    private const string HistoryTable = "__magichub_schema";
    private const string CreateHistoryTable = $"CREATE TABLE IF NOT EXISTS {HistoryTable} (id VARCHAR(200) PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)";

    /// <summary>Creates or upgrades the schema of <paramref name="db"/>.</summary>
    public static async Task<SchemaMigrationResult> MigrateAsync(
        DbContext db, DatabaseProvider provider, IReadOnlyList<SchemaUpgrade> upgrades, ILogger logger, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        var databaseExisted = await creator.ExistsAsync(cancellationToken);
        if (!databaseExisted)
        {
            await creator.CreateAsync(cancellationToken);
        }
        var fresh = !await creator.HasTablesAsync(cancellationToken);
        if (fresh)
        {
            await creator.CreateTablesAsync(cancellationToken);
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.ExecuteSqlRawAsync(CreateHistoryTable, cancellationToken);

        var applied = await ReadAppliedAsync(db, cancellationToken);
        var newlyApplied = new List<string>();
        foreach (var upgrade in upgrades.Where(u => !applied.Contains(u.Id)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!fresh)
            {
                var sql = provider == DatabaseProvider.Postgres ? upgrade.PostgresSql ?? upgrade.Sql : upgrade.Sql;
                await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
                newlyApplied.Add(upgrade.Id);
                logger.LogInformation("Applied schema upgrade {UpgradeId} to {Context}", upgrade.Id, db.GetType().Name);
            }
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO {HistoryTable} (id, applied_at) VALUES ({{0}}, {{1}})",
                [upgrade.Id, DateTimeOffset.UtcNow.ToString("O")], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (fresh)
        {
            logger.LogInformation("Created schema of {Context} in {ElapsedMs:0} ms", db.GetType().Name,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        else
        {
            foreach (var table in await CreateMissingTablesAsync(db, provider, cancellationToken))
            {
                newlyApplied.Add("create:" + table);
                logger.LogInformation("Created table {Table} of {Context}", table, db.GetType().Name);
            }
        }
        return new SchemaMigrationResult(fresh, newlyApplied);
    }

    /// <summary>
    /// Creates a SQLite database that has no tables yet from its <see cref="SchemaScript"/> and records every upgrade as
    /// applied, all on a plain connection, so EF Core's model is not needed; null when the database has tables already
    /// (then <see cref="MigrateAsync"/> upgrades it).
    /// </summary>
    public static async Task<SchemaMigrationResult?> TryCreateFromScriptAsync(
        string sqliteConnectionString, string script, IReadOnlyList<SchemaUpgrade> upgrades, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", null, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await HasTablesAsync(connection, transaction, DatabaseProvider.Sqlite, cancellationToken))
        {
            return null;
        }
        await CreateAsync(connection, transaction, script, upgrades, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SchemaMigrationResult(Created: true, Applied: []);
    }

    /// <summary>
    /// The schema work of a <see cref="SqlDatabase{TDatabase}"/>, in one transaction on <paramref name="connection"/>: a
    /// database without tables gets <paramref name="script"/> and every upgrade recorded as applied; an existing one the
    /// upgrades it has not applied yet, in order.
    /// </summary>
    public static async Task<SchemaMigrationResult> MigrateWithScriptAsync(
        DbConnection connection, DatabaseProvider provider, string script, IReadOnlyList<SchemaUpgrade> upgrades, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", null, cancellationToken);
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await HasTablesAsync(connection, transaction, provider, cancellationToken))
        {
            await CreateAsync(connection, transaction, script, upgrades, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SchemaMigrationResult(Created: true, Applied: []);
        }
        await connection.ExecuteAsync(CreateHistoryTable, transaction, cancellationToken);
        await using var read = connection.CreateCommand($"SELECT id FROM {HistoryTable}", transaction);
        var applied = (await read.ReadAllAsync(r => r.GetString(0), cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var newlyApplied = new List<string>();
        foreach (var upgrade in upgrades.Where(u => !applied.Contains(u.Id)))
        {
            await connection.ExecuteAsync(provider == DatabaseProvider.Postgres ? upgrade.PostgresSql ?? upgrade.Sql : upgrade.Sql, transaction, cancellationToken);
            await RecordAsync(connection, transaction, upgrade.Id, cancellationToken);
            newlyApplied.Add(upgrade.Id);
        }
        await transaction.CommitAsync(cancellationToken);
        return new SchemaMigrationResult(Created: false, Applied: newlyApplied);
    }

    private static async Task<bool> HasTablesAsync(DbConnection connection, DbTransaction transaction, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        await using var count = connection.CreateCommand(provider == DatabaseProvider.Postgres
            ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", transaction);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task CreateAsync(
        DbConnection connection, DbTransaction transaction, string script, IReadOnlyList<SchemaUpgrade> upgrades, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(script, transaction, cancellationToken);
        await connection.ExecuteAsync(CreateHistoryTable, transaction, cancellationToken);
        foreach (var upgrade in upgrades)
        {
            await RecordAsync(connection, transaction, upgrade.Id, cancellationToken);
        }
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, string upgradeId, CancellationToken cancellationToken)
    {
        await using var record = connection.CreateCommand($"INSERT INTO {HistoryTable} (id, applied_at) VALUES (@id, @at)", transaction)
            .WithParameter("id", upgradeId)
            .WithParameter("at", DateTimeOffset.UtcNow.ToString("O"));
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Tables the model has and an existing database lacks (a new entity in a later version) are created from the
    /// model, with their indexes and keys, so only changes to existing tables need a <see cref="SchemaUpgrade"/>.
    /// </summary>
    private static async Task<IReadOnlyList<string>> CreateMissingTablesAsync(DbContext db, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var existing = await ReadStringsAsync(db, provider == DatabaseProvider.Postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'", cancellationToken);
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model);
        var missing = operations.OfType<CreateTableOperation>().Select(t => t.Name).Where(name => !existing.Contains(name)).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return [];
        }
        var wanted = operations.Where(op => op switch
        {
            CreateTableOperation table => missing.Contains(table.Name),
            CreateIndexOperation index => missing.Contains(index.Table),
            _ => false,
        }).ToList();
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(wanted, db.Model);
        await db.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, db.GetService<IRelationalConnection>(), cancellationToken);
        return [.. missing.Order()];
    }

    private static async Task<HashSet<string>> ReadAppliedAsync(DbContext db, CancellationToken cancellationToken) =>
        await ReadStringsAsync(db, $"SELECT id FROM {HistoryTable}", cancellationToken);

    private static async Task<HashSet<string>> ReadStringsAsync(DbContext db, string sql, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        var wasClosed = connection.State != System.Data.ConnectionState.Open;
        if (wasClosed)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        finally
        {
            if (wasClosed)
            {
                await connection.CloseAsync();
            }
        }
        return applied;
    }
}
