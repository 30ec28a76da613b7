using Microsoft.EntityFrameworkCore;

namespace MagicHub.Persistence.Tests;

public sealed class Note
{
    public int Id { get; set; }
    public required string Text { get; set; }
    public string? Author { get; set; }
}

/// <summary>Version 1 of a service's schema: notes without an author.</summary>
public sealed class NotesDbV1(DbContextOptions<NotesDbV1> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.Ignore(n => n.Author);
        });
}

/// <summary>Version 2: notes gained an author column, added to old databases by an upgrade.</summary>
public sealed class NotesDbV2(DbContextOptions<NotesDbV2> options) : DbContext(options)
{
    public static readonly IReadOnlyList<SchemaUpgrade> Upgrades =
    [
        new("0002_note_author", "ALTER TABLE notes ADD COLUMN \"Author\" TEXT NULL"),
    ];

    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>().ToTable("notes");
}

public sealed class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

/// <summary>Version 3: a new entity (table) besides the upgraded notes.</summary>
public sealed class NotesDbV3(DbContextOptions<NotesDbV3> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Tag> Tags => Set<Tag>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().ToTable("notes");
        modelBuilder.Entity<Tag>(tag =>
        {
            tag.ToTable("tags");
            tag.HasIndex(t => t.Name).IsUnique();
        });
    }
}
