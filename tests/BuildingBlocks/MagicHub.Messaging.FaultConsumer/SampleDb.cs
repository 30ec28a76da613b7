using MagicHub.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Messaging.Samples;

/// <summary>A service database: its own state (recordings, effects) plus the messaging tables.</summary>
public sealed class SampleDb(DbContextOptions<SampleDb> options) : DbContext(options)
{
    public DbSet<Recording> Recordings => Set<Recording>();
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<Recording>().HasKey(r => r.Number);
        modelBuilder.Entity<Recording>().Property(r => r.Number).ValueGeneratedNever();
        modelBuilder.Entity<Effect>().HasKey(e => e.Id);
        modelBuilder.Entity<Effect>().HasIndex(e => e.Subscriber);
    }

    /// <summary>Creates the schema (if missing) and switches the file to WAL so readers never block writers.</summary>
    public static void Initialize(SampleDb db)
    {
        db.Database.EnsureCreated();
        if (db.Database.IsSqlite()) db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }
}

/// <summary>State change that goes with a published event.</summary>
public sealed class Recording
{
    public int Number { get; set; }
    public Guid Id { get; set; }
    public string? Note { get; set; }
}

/// <summary>One row per handler run: counting these checks "exactly once by effect".</summary>
public sealed class Effect
{
    public long Id { get; set; }
    public required string Subscriber { get; set; }
    public Guid EventId { get; set; }
    public Guid RecordingId { get; set; }
    public string? Detail { get; set; }
}
