using Microsoft.EntityFrameworkCore;

namespace MagicHub.Messaging.Persistence;

/// <summary>Adds the messaging tables to a service's DbContext model.</summary>
public static class MessagingModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>messaging_outbox</c>, <c>messaging_inbox</c>, <c>messaging_deliveries</c> and
    /// <c>messaging_dead_letters</c>. Call from <c>OnModelCreating</c> of the DbContext passed to
    /// <c>AddMessaging&lt;TDbContext&gt;</c>.
    /// </summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("messaging_outbox");
            e.HasKey(m => m.Sequence);
            e.Property(m => m.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(m => m.EventId).IsUnique();
            e.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
            e.HasIndex(m => new { m.Type, m.Time });
            e.Property(m => m.Type).HasMaxLength(200);
            e.Property(m => m.Tenant).HasMaxLength(100);
        });
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("messaging_inbox");
            e.HasKey(m => new { m.Subscriber, m.EventId });
            e.HasIndex(m => m.HandledAt);
            e.Property(m => m.Subscriber).HasMaxLength(200);
            e.Property(m => m.Type).HasMaxLength(200);
        });
        modelBuilder.Entity<QueuedDelivery>(e =>
        {
            e.ToTable("messaging_deliveries");
            e.HasKey(m => m.Id);
            e.Property(m => m.Subscriber).HasMaxLength(200);
            e.Property(m => m.Type).HasMaxLength(200);
        });
        modelBuilder.Entity<DeadLetter>(e =>
        {
            e.ToTable("messaging_dead_letters");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.Subscriber, m.EventId });
            e.Property(m => m.Subscriber).HasMaxLength(200);
            e.Property(m => m.Type).HasMaxLength(200);
        });
        return modelBuilder;
    }
}
