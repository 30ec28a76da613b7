using System.Data.Common;
using MagicHub.Persistence;
using MagicHub.Prompts.Contracts;
using MagicHub.Prompts.Data;

namespace MagicHub.Prompts.Prompts;

/// <summary>On first start (empty table) stores version 1 of every default pair from the built-in taxonomy and schemas.</summary>
public sealed partial class PromptSeeder(TimeProvider time, ILogger<PromptSeeder> logger) : ISqlDatabaseSeeder<PromptsDb>
{
    public async Task SeedAsync(DbConnection connection, SchemaMigrationResult migration, CancellationToken cancellationToken)
    {
        // A schema just created has no rows: no need to look.
        if (!migration.Created && await HasPromptsAsync(connection, cancellationToken)) return;
        var now = time.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var count = 0;
        try
        {
            foreach (var d in DomainCatalog.Default.Domains)
                foreach (var c in d.Categories)
                {
                    var fields = DefaultPrompts.FieldsFor(d.Domain, c.Category) ?? DefaultPrompts.GenericFields;
                    var row = PromptRow.From(DefaultPrompts.Build(d.Domain, c.Category, c.Description, c.Keywords, fields, now));
                    await using var insert = row.AddParameters(connection.CreateCommand(PromptsDb.Insert, transaction));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    count++;
                }
            await transaction.CommitAsync(cancellationToken);
            LogSeeded(logger, count);
        }
        catch (DbException ex) when (ex.IsUniqueViolation())
        {
            // Another instance seeded at the same time (the unique index on the pair and version); its rows are the same defaults.
            await transaction.RollbackAsync(cancellationToken);
            LogNotSeeded(logger, ex.Message);
        }
    }

    private static async Task<bool> HasPromptsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("""SELECT 1 FROM "prompts" LIMIT 1""");
        return await command.AnyAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} default prompts")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Default prompts not seeded, another instance is seeding them: {Reason}")]
    private static partial void LogNotSeeded(ILogger logger, string reason);
}
