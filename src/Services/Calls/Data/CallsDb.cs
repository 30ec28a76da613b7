using MagicHub.Calls.Calls;
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
    ];

    public DbSet<CallRecord> Calls => Set<CallRecord>();
    public DbSet<DomainSpecificRecord> DomainSpecific => Set<DomainSpecificRecord>();

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
    }
}
