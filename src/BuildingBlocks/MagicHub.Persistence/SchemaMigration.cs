using System.Data.Common;

namespace MagicHub.Persistence;

/// <summary>What one run of <see cref="SchemaMigration.MigrateWithScriptAsync"/> did.</summary>
/// <param name="Created">True when the database had no tables and its schema was created from the create script: every table is empty.</param>
/// <param name="Applied">On an existing schema, the ids of the upgrades it applied.</param>
public sealed record SchemaMigrationResult(bool Created, IReadOnlyList<string> Applied);

/// <summary>The create-or-upgrade routine behind <see cref="SqlSchemaMigrator{TDatabase}"/>, callable directly (tools, tests).</summary>
public static class SchemaMigration
{
    private const string HistoryTable = "__magichub_schema";
    private const string CreateHistoryTable = $"CREATE TABLE IF NOT EXISTS {HistoryTable} (id VARCHAR(200) PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)";

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
}
