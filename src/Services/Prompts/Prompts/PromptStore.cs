using System.Data.Common;
using MagicHub.Persistence;
using MagicHub.Prompts.Contracts;
using MagicHub.Prompts.Data;

namespace MagicHub.Prompts.Prompts;

/// <summary>Versioned prompts: reads, edits (new version), reverts, and generation of new pairs stored exactly once.</summary>
public sealed class PromptStore(SqlDatabase<PromptsDb> database, ModelPromptGenerator generator, PairLocks locks, TimeProvider time)
{
    private const string PairFilter = "\"Domain\" = @domain AND \"Category\" = @category";

    public async Task<PromptRow?> CurrentAsync(string domain, string category, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await ReadAsync(connection, null, $"SELECT {PromptsDb.Columns} FROM \"prompts\" WHERE {PairFilter} AND \"IsCurrent\"", domain, category, ct))
            .FirstOrDefault();
    }

    public async Task<IReadOnlyList<PromptDocument>> HistoryAsync(string domain, string category, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await ReadAsync(connection, null, $"SELECT {PromptsDb.Columns} FROM \"prompts\" WHERE {PairFilter} ORDER BY \"Version\"", domain, category, ct);
        return [.. rows.Select(r => r.ToDocument())];
    }

    public async Task<IReadOnlyList<PromptDocument>> AllCurrentAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await ReadAsync(connection, null, $"SELECT {PromptsDb.Columns} FROM \"prompts\" WHERE \"IsCurrent\" ORDER BY \"Domain\", \"Category\"", null, null, ct);
        return [.. rows.Select(r => r.ToDocument())];
    }

    /// <summary>The current prompt of the pair, generating and storing one first when the pair is unknown; <c>Created</c> says which.</summary>
    public async Task<(PromptDocument Prompt, bool Created)> GetOrGenerateAsync(string domain, string category, CancellationToken ct)
    {
        if (await CurrentAsync(domain, category, ct) is { } existing) return (existing.ToDocument(), false);
        using var pairLock = await locks.AcquireAsync(domain, category, ct);
        if (await CurrentAsync(domain, category, ct) is { } stored) return (stored.ToDocument(), false);
        var generated = await generator.GenerateAsync(domain, category, await AllCurrentAsync(ct), ct);
        return await InsertFirstAsync(generated, ct);
    }

    /// <summary>Stores version 1 of a new pair; when another request stored it first, returns theirs (the unique index decides).</summary>
    public async Task<(PromptDocument Prompt, bool Created)> InsertFirstAsync(PromptDocument prompt, CancellationToken ct)
    {
        if (await CurrentAsync(prompt.Domain, prompt.Category, ct) is { } existing) return (existing.ToDocument(), false);
        var row = PromptRow.From(prompt with { Version = 1, IsCurrent = true });
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await InsertAsync(connection, null, row, ct);
            return (row.ToDocument(), true);
        }
        catch (DbException ex) when (ex.IsUniqueViolation())
        {
            var winner = await CurrentAsync(prompt.Domain, prompt.Category, ct) ?? throw new InvalidOperationException("Prompt insert failed without a stored prompt.");
            return (winner.ToDocument(), false);
        }
    }

    /// <summary>Adds a version built from <paramref name="change"/> and makes it current; null when the pair is unknown.</summary>
    /// <remarks>
    /// Edits of one pair take turns in this instance (<see cref="PairLocks"/>); the version number is read in the writing
    /// transaction, and an edit of another instance that took the same number first (the unique index) makes it try again.
    /// </remarks>
    public async Task<PromptDocument?> AddVersionAsync(string domain, string category, Func<PromptDocument, PromptDocument> change, string source, CancellationToken ct)
    {
        using var pairLock = await locks.AcquireAsync(domain, category, ct);
        await using var connection = await database.OpenAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            try
            {
                var rows = await ReadAsync(connection, transaction, $"SELECT {PromptsDb.Columns} FROM \"prompts\" WHERE {PairFilter}", domain, category, ct);
                var current = rows.FirstOrDefault(r => r.IsCurrent);
                if (current is null) return null;
                var next = change(current.ToDocument()) with { Version = rows.Max(r => r.Version) + 1, IsCurrent = true, Source = source, CreatedAt = time.GetUtcNow() };
                var row = PromptRow.From(next);
                await using (var retire = connection.CreateCommand($"UPDATE \"prompts\" SET \"IsCurrent\" = @no WHERE {PairFilter} AND \"IsCurrent\"", transaction)
                    .WithParameter("no", false).WithParameter("domain", domain).WithParameter("category", category))
                {
                    await retire.ExecuteNonQueryAsync(ct);
                }
                await InsertAsync(connection, transaction, row, ct);
                await transaction.CommitAsync(ct);
                return row.ToDocument();
            }
            catch (DbException ex) when (ex.IsUniqueViolation() && attempt < 5)
            {
                await transaction.RollbackAsync(ct);
            }
        }
    }

    public async Task<bool> DeleteAsync(string domain, string category, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var delete = connection.CreateCommand($"DELETE FROM \"prompts\" WHERE {PairFilter}")
            .WithParameter("domain", domain).WithParameter("category", category);
        return await delete.ExecuteNonQueryAsync(ct) > 0;
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction? transaction, PromptRow row, CancellationToken ct)
    {
        await using var insert = row.AddParameters(connection.CreateCommand(PromptsDb.Insert, transaction));
        row.Id = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<PromptRow>> ReadAsync(DbConnection connection, DbTransaction? transaction, string sql, string? domain, string? category, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(sql, transaction);
        if (domain is not null) command.WithParameter("domain", domain).WithParameter("category", category);
        return await command.ReadAllAsync(PromptRow.Read, ct);
    }
}
