using MagicHub.Calls.Calls;
using MagicHub.Calls.Pipeline;
using MagicHub.Messaging;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Calls.Data;

/// <summary>The calls database: <c>general</c> and <c>domain_specific</c> as in the seed; every row filtered by the caller's tenant.</summary>
public sealed class CallsDb(DbContextOptions<CallsDb> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    /// <summary>Schema changes for databases created by earlier versions, in order.</summary>
    public static readonly IReadOnlyList<SchemaUpgrade> Upgrades =
    [
        new("0001_domain_specific_tenant",
            "ALTER TABLE domain_specific ADD COLUMN TenantId TEXT NOT NULL DEFAULT 'default'",
            "ALTER TABLE domain_specific ADD COLUMN \"TenantId\" character varying(64) NOT NULL DEFAULT 'default'"),
        new("0002_general_job_id",
            "ALTER TABLE general ADD COLUMN JobId TEXT NULL; CREATE UNIQUE INDEX IX_general_JobId ON general (JobId)",
            "ALTER TABLE general ADD COLUMN \"JobId\" uuid NULL; CREATE UNIQUE INDEX \"IX_general_JobId\" ON general (\"JobId\")"),
    ];

    public DbSet<CallRecord> Calls => Set<CallRecord>();
    public DbSet<DomainSpecificRecord> DomainSpecific => Set<DomainSpecificRecord>();
    public DbSet<CallJob> Jobs => Set<CallJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CallRecord>(call =>
        {
            call.ToTable("general");
            call.HasKey(c => c.Id);
            call.Property(c => c.FileName).HasMaxLength(512);
            call.Property(c => c.Domain).HasMaxLength(100);
            call.Property(c => c.Category).HasMaxLength(100);
            call.Property(c => c.Sentiment).HasMaxLength(20);
            call.Property(c => c.TenantId).HasMaxLength(64);
            call.Property(c => c.MediaId).HasMaxLength(64);
            call.HasIndex(c => new { c.TenantId, c.CreatedAt });
            call.HasIndex(c => c.JobId).IsUnique();
            call.HasIndex(c => new { c.TenantId, c.Domain, c.Category });
            call.HasOne(c => c.DomainSpecific).WithOne().HasForeignKey<DomainSpecificRecord>(d => d.CallId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DomainSpecificRecord>(data =>
        {
            data.ToTable("domain_specific");
            data.HasKey(d => d.Id);
            data.Property(d => d.CallId).HasColumnName("call_id");
            data.Property(d => d.TenantId).HasMaxLength(64);
        });
        modelBuilder.Entity<CallJob>(job =>
        {
            job.ToTable("call_jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.TenantId).HasMaxLength(64);
            job.Property(j => j.IdempotencyKey).HasMaxLength(200);
            job.Property(j => j.FileName).HasMaxLength(512);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.Stage).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.CallbackUrl).HasMaxLength(2048);
            job.HasIndex(j => new { j.TenantId, j.IdempotencyKey }).IsUnique();
            job.HasIndex(j => new { j.TenantId, j.CreatedAt });
        });
    }
}
