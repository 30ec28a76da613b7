using MagicHub.Media.Media;
using MagicHub.Media.Uploads;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Media.Data;

/// <summary>
/// The media database: item metadata, resumable upload sessions (MagicHub.Messaging adds its outbox tables). Items and uploads are
/// filtered by the caller's tenant (<see cref="TenantDbContext"/>), so another tenant's id is simply not found.
/// </summary>
public sealed class MediaDb(DbContextOptions<MediaDb> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    /// <summary>Schema changes for databases created by earlier versions, in order.</summary>
    public static readonly IReadOnlyList<SchemaUpgrade> Upgrades = [];

    public DbSet<MediaItem> Items => Set<MediaItem>();
    public DbSet<UploadSession> Uploads => Set<UploadSession>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MediaItem>(item =>
        {
            item.ToTable("media_items");
            item.HasKey(m => m.Id);
            item.Property(m => m.TenantId).HasMaxLength(64);
            item.Property(m => m.Owner).HasMaxLength(200);
            item.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
            item.Property(m => m.ContentType).HasMaxLength(100);
            item.Property(m => m.Sha256).HasMaxLength(64);
            item.Property(m => m.ObjectKey).HasMaxLength(200);
            item.Property(m => m.FileName).HasMaxLength(255);
            // DateTimeOffset cannot be ordered on SQLite; store UTC ticks.
            item.Property(m => m.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            item.HasIndex(m => new { m.TenantId, m.Sha256 }).IsUnique();
            item.HasIndex(m => new { m.TenantId, m.CreatedAt });
        });
        modelBuilder.Entity<UploadSession>(upload =>
        {
            upload.ToTable("upload_sessions");
            upload.HasKey(u => u.Id);
            upload.Property(u => u.TenantId).HasMaxLength(64);
            upload.Property(u => u.Owner).HasMaxLength(200);
            upload.Property(u => u.FileName).HasMaxLength(255);
            upload.Property(u => u.Use).HasConversion<string>().HasMaxLength(16);
            upload.Property(u => u.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            upload.Property(u => u.ExpiresAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            upload.HasIndex(u => u.ExpiresAt);
        });
    }
}
