using System.Text.Json;
using MagicHub.Prompts.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MagicHub.Prompts.Data;

/// <summary>The seed's <c>prompts</c> table: one row per version of a domain/category pair's prompt.</summary>
public sealed class PromptsDb(DbContextOptions<PromptsDb> options) : DbContext(options)
{
    public DbSet<PromptRow> Prompts => Set<PromptRow>();

    /// <summary>
    /// A unique-index collision is an expected outcome here (concurrent generation, create or edit of the same pair) and is
    /// handled by the store, so EF Core's own error logs of the failed command are lowered to Debug; unhandled failures still
    /// surface as exceptions and are logged by whoever does not handle them.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var row = modelBuilder.Entity<PromptRow>();
        row.ToTable("prompts");
        row.HasKey(p => p.Id);
        // One row per (pair, version): two requests generating the same new pair cannot both store version 1.
        row.HasIndex(p => new { p.Domain, p.Category, p.Version }).IsUnique();
        row.Property(p => p.Domain).HasMaxLength(64);
        row.Property(p => p.Category).HasMaxLength(64);
        row.Property(p => p.Source).HasMaxLength(32);
    }
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
        JsonSerializer.Deserialize<List<string>>(KeywordsJson) ?? [], Instructions,
        JsonSerializer.Deserialize<List<PromptField>>(FieldsJson) ?? [], Source, CreatedAt);

    public static PromptRow From(PromptDocument d) => new()
    {
        Domain = d.Domain,
        Category = d.Category,
        Version = d.Version,
        IsCurrent = d.IsCurrent,
        Description = d.Description,
        KeywordsJson = JsonSerializer.Serialize(d.Keywords),
        Instructions = d.Instructions,
        FieldsJson = JsonSerializer.Serialize(d.Fields),
        Source = d.Source,
        CreatedAt = d.CreatedAt,
    };
}
