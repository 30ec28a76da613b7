using MagicHub.Messaging.Persistence;
using MagicHub.Messaging.Samples;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Bench.Messaging;

/// <summary>A service database: a state table, an effects table and the messaging tables.</summary>
internal sealed class BenchDb(DbContextOptions<BenchDb> options) : DbContext(options)
{
    public DbSet<BenchRecording> Recordings => Set<BenchRecording>();
    public DbSet<BenchEffect> Effects => Set<BenchEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<BenchRecording>().HasKey(r => r.Id);
        modelBuilder.Entity<BenchEffect>().HasKey(e => e.Id);
    }
}

internal sealed class BenchRecording
{
    public Guid Id { get; set; }
    public required string MediaUri { get; set; }
}

internal sealed class BenchEffect
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
}

/// <summary>The consumer's work: one effect row per event, in the delivery transaction.</summary>
internal sealed class BenchHandler(BenchDb db) : MagicHub.Messaging.IIntegrationEventHandler<RecordingIngestedIntegrationEvent>
{
    public Task HandleAsync(RecordingIngestedIntegrationEvent evt, CancellationToken cancellationToken)
    {
        db.Effects.Add(new BenchEffect { EventId = evt.Id });
        return Task.CompletedTask;
    }
}
