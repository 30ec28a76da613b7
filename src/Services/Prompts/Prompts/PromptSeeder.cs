using MagicHub.Persistence;
using MagicHub.Prompts.Contracts;
using MagicHub.Prompts.Data;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Prompts.Prompts;

/// <summary>On first start (empty table) stores version 1 of every default pair from the built-in taxonomy and schemas.</summary>
public sealed partial class PromptSeeder(TimeProvider time, ILogger<PromptSeeder> logger) : IDatabaseSeeder<PromptsDb>
{
    public async Task SeedAsync(PromptsDb db, SchemaMigrationResult migration, CancellationToken cancellationToken)
    {
        // A schema just created has no rows: skipping the query keeps its compilation off a first start.
        if (!migration.Created && await db.Prompts.AnyAsync(cancellationToken)) return;
        var now = time.GetUtcNow();
        var rows = new List<PromptRow>();
        foreach (var d in DomainCatalog.Default.Domains)
            foreach (var c in d.Categories)
            {
                var fields = DefaultPrompts.FieldsFor(d.Domain, c.Category) ?? DefaultPrompts.GenericFields;
                rows.Add(PromptRow.From(DefaultPrompts.Build(d.Domain, c.Category, c.Description, c.Keywords, fields, now)));
            }
        db.Prompts.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogSeeded(logger, rows.Count);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded at the same time; its rows are the same defaults.
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} default prompts")]
    private static partial void LogSeeded(ILogger logger, int count);
}
