using System.Data.Common;
using System.Text.Json;
using MagicHub.Persistence;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Prompts.Data;

/// <summary>
/// Names the prompts service's <see cref="SqlDatabase{TDatabase}"/>: the seed's <c>prompts</c> table, one row per version
/// of a domain/category pair's prompt, unique on (domain, category, version). Its schema is the embedded
/// <c>PromptsDb.sqlite.sql</c> and <c>PromptsDb.postgres.sql</c>: the tables EF Core made before the service moved to
/// plain SQL (for Native AOT), so databases of earlier versions are used as they are.
/// </summary>
public sealed class PromptsDb
{
    private PromptsDb()
    {
    }

    /// <summary>The columns <see cref="PromptRow.Read"/> reads, in its order.</summary>
    public const string Columns =
        "\"Id\", \"Domain\", \"Category\", \"Version\", \"IsCurrent\", \"Description\", \"KeywordsJson\", \"Instructions\", \"FieldsJson\", \"Source\", \"CreatedAt\"";

    /// <summary>Inserts a <see cref="PromptRow"/> (parameters from <see cref="PromptRow.AddParameters"/>), returning its id.</summary>
    public const string Insert =
        """
        INSERT INTO "prompts" ("Domain", "Category", "Version", "IsCurrent", "Description", "KeywordsJson", "Instructions", "FieldsJson", "Source", "CreatedAt")
        VALUES (@domain, @category, @version, @current, @description, @keywords, @instructions, @fields, @source, @created)
        RETURNING "Id"
        """;
}

/// <summary>A stored prompt version; fields and keywords are JSON columns.</summary>
public sealed class PromptRow
{
    public long Id { get; set; }
    public required string Domain { get; set; }
    public required string Category { get; set; }
    public int Version { get; set; }
    public bool IsCurrent { get; set; }
    public required string Description { get; set; }
    public required string KeywordsJson { get; set; }
    public required string Instructions { get; set; }
    public required string FieldsJson { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public PromptDocument ToDocument() => new(Domain, Category, Version, IsCurrent, Description,
        JsonSerializer.Deserialize(KeywordsJson, PromptsJsonContext.Default.IReadOnlyListString) ?? [], Instructions,
        JsonSerializer.Deserialize(FieldsJson, PromptsJsonContext.Default.IReadOnlyListPromptField) ?? [], Source, CreatedAt);

    public static PromptRow From(PromptDocument d) => new()
    {
        Domain = d.Domain,
        Category = d.Category,
        Version = d.Version,
        IsCurrent = d.IsCurrent,
        Description = d.Description,
        KeywordsJson = JsonSerializer.Serialize(d.Keywords, PromptsJsonContext.Default.IReadOnlyListString),
        Instructions = d.Instructions,
        FieldsJson = JsonSerializer.Serialize(d.Fields, PromptsJsonContext.Default.IReadOnlyListPromptField),
        Source = d.Source,
        // PostgreSQL's timestamptz takes UTC only.
        CreatedAt = d.CreatedAt.ToUniversalTime(),
    };

    /// <summary>The row at the reader's position, selected with <see cref="PromptsDb.Columns"/>.</summary>
    public static PromptRow Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Domain = reader.GetString(1),
        Category = reader.GetString(2),
        Version = reader.GetInt32(3),
        IsCurrent = reader.GetBoolean(4),
        Description = reader.GetString(5),
        KeywordsJson = reader.GetString(6),
        Instructions = reader.GetString(7),
        FieldsJson = reader.GetString(8),
        Source = reader.GetString(9),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
    };

    /// <summary>The parameters of <see cref="PromptsDb.Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("domain", Domain)
        .WithParameter("category", Category)
        .WithParameter("version", Version)
        .WithParameter("current", IsCurrent)
        .WithParameter("description", Description)
        .WithParameter("keywords", KeywordsJson)
        .WithParameter("instructions", Instructions)
        .WithParameter("fields", FieldsJson)
        .WithParameter("source", Source)
        .WithParameter("created", CreatedAt);
}
