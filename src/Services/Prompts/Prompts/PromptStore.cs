using MagicHub.Prompts.Contracts;
using MagicHub.Prompts.Data;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Prompts.Prompts;

/// <summary>Versioned prompts: reads, edits (new version), reverts, and generation of new pairs stored exactly once.</summary>
public sealed class PromptStore(PromptsDb db, ModelPromptGenerator generator, PairLocks locks, TimeProvider time)
{
    public Task<PromptRow?> CurrentAsync(string domain, string category, CancellationToken ct) =>
        db.Prompts.AsNoTracking().FirstOrDefaultAsync(p => p.Domain == domain && p.Category == category && p.IsCurrent, ct);

    public async Task<IReadOnlyList<PromptDocument>> HistoryAsync(string domain, string category, CancellationToken ct) =>
        (await db.Prompts.AsNoTracking().Where(p => p.Domain == domain && p.Category == category).OrderBy(p => p.Version).ToListAsync(ct))
        .Select(p => p.ToDocument()).ToList();

    public async Task<IReadOnlyList<PromptDocument>> AllCurrentAsync(CancellationToken ct) =>
        (await db.Prompts.AsNoTracking().Where(p => p.IsCurrent).OrderBy(p => p.Domain).ThenBy(p => p.Category).ToListAsync(ct))
        .Select(p => p.ToDocument()).ToList();

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
        db.Prompts.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return (row.ToDocument(), true);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var winner = await CurrentAsync(prompt.Domain, prompt.Category, ct) ?? throw new InvalidOperationException("Prompt insert failed without a stored prompt.");
            return (winner.ToDocument(), false);
        }
    }

    /// <summary>Adds a version built from <paramref name="change"/> and makes it current; null when the pair is unknown.</summary>
    public async Task<PromptDocument?> AddVersionAsync(string domain, string category, Func<PromptDocument, PromptDocument> change, string source, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var rows = await db.Prompts.Where(p => p.Domain == domain && p.Category == category).ToListAsync(ct);
            var current = rows.FirstOrDefault(r => r.IsCurrent);
            if (current is null) return null;
            var next = change(current.ToDocument()) with { Version = rows.Max(r => r.Version) + 1, IsCurrent = true, Source = source, CreatedAt = time.GetUtcNow() };
            foreach (var r in rows) r.IsCurrent = false;
            var row = PromptRow.From(next);
            db.Prompts.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return row.ToDocument();
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                db.ChangeTracker.Clear(); // a concurrent edit took this version number; build on top of it
            }
        }
        return null;
    }

    public async Task<bool> DeleteAsync(string domain, string category, CancellationToken ct) =>
        await db.Prompts.Where(p => p.Domain == domain && p.Category == category).ExecuteDeleteAsync(ct) > 0;
}
