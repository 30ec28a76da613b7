using MagicHub.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Messaging.Samples;

/// <summary>
/// Read side for the tests: an EF Core model over <see cref="SampleDatabase"/>'s tables and the messaging tables, mapped
/// as EF Core created them before messaging moved to plain SQL. The schema itself is made by the SqlDatabase start-up.
/// </summary>
public sealed class SampleDb(DbContextOptions<SampleDb> options) : DbContext(options)
{
    public DbSet<Recording> Recordings => Set<Recording>();
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("messaging_outbox");
            e.HasKey(m => m.Sequence);
        });
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("messaging_inbox");
            e.HasKey(m => new { m.Subscriber, m.EventId });
        });
        modelBuilder.Entity<QueuedDelivery>().ToTable("messaging_deliveries");
        modelBuilder.Entity<DeadLetter>().ToTable("messaging_dead_letters");
        modelBuilder.Entity<Recording>().HasKey(r => r.Number);
        modelBuilder.Entity<Recording>().Property(r => r.Number).ValueGeneratedNever();
        modelBuilder.Entity<Effect>().HasKey(e => e.Id);
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
