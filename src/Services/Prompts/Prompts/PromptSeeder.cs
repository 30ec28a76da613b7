using System.Data.Common;
using MagicHub.Persistence;
using MagicHub.Prompts.Contracts;
using MagicHub.Prompts.Data;

namespace MagicHub.Prompts.Prompts;

/// <summary>On first start (empty table) stores version 1 of every default pair from the built-in taxonomy and schemas.</summary>
/// <remarks>
/// Plain SQL on a plain connection, like the schema script: seeding through EF Core would make the service's readiness
/// wait for EF Core's model and change tracker (a few hundred ms of a first start). The column names are
/// <see cref="PromptRow"/>'s; the prompts tests read the seeded rows back through EF Core.
/// </remarks>
public sealed partial class PromptSeeder(SchemaMigrationPlan<PromptsDb> database, TimeProvider time, ILogger<PromptSeeder> logger) : IDatabaseSeeder<PromptsDb>
{
    private const string Insert =
        """
        INSERT INTO "prompts" ("Domain", "Category", "Version", "IsCurrent", "Description", "KeywordsJson", "Instructions", "FieldsJson", "Source", "CreatedAt")
        VALUES (@domain, @category, @version, @current, @description, @keywords, @instructions, @fields, @source, @created)
        """;

    public async Task SeedAsync(PromptsDb db, SchemaMigrationResult migration, CancellationToken cancellationToken)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
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
                    await InsertAsync(connection, transaction, PromptRow.From(DefaultPrompts.Build(d.Domain, c.Category, c.Description, c.Keywords, fields, now)), cancellationToken);
                    count++;
                }
            await transaction.CommitAsync(cancellationToken);
            LogSeeded(logger, count);
        }
        catch (DbException ex)
        {
            // Another instance seeded at the same time (the unique index on the pair and version); its rows are the same defaults.
            await transaction.RollbackAsync(cancellationToken);
            LogNotSeeded(logger, ex.Message);
        }
    }

    private static async Task<bool> HasPromptsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT 1 FROM "prompts" LIMIT 1""";
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, PromptRow row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        Add(command, "domain", row.Domain);
        Add(command, "category", row.Category);
        Add(command, "version", row.Version);
        Add(command, "current", row.IsCurrent);
        Add(command, "description", row.Description);
        Add(command, "keywords", row.KeywordsJson);
        Add(command, "instructions", row.Instructions);
        Add(command, "fields", row.FieldsJson);
        Add(command, "source", row.Source);
        Add(command, "created", row.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} default prompts")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Default prompts not seeded, another instance is seeding them: {Reason}")]
    private static partial void LogNotSeeded(ILogger logger, string reason);
}
