using MagicHub.Identity.ApiKeys;
using MagicHub.Identity.Invites;
using MagicHub.Identity.Keys;
using MagicHub.Identity.Sessions;
using MagicHub.Identity.Tenants;
using MagicHub.Identity.Users;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Identity.Data;

/// <summary>The identity database; tenant-owned tables are filtered by the caller's tenant.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    /// <summary>Schema changes for databases created by earlier versions, in order.</summary>
    public static readonly IReadOnlyList<SchemaUpgrade> Upgrades = [];

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.Property(t => t.Id).HasMaxLength(64);
            tenant.Property(t => t.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Id).HasMaxLength(64);
            user.Property(u => u.TenantId).HasMaxLength(64);
            user.Property(u => u.Email).HasMaxLength(320);
            user.Property(u => u.NormalizedEmail).HasMaxLength(400);
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Role).HasMaxLength(20);
            user.HasIndex(u => u.NormalizedEmail).IsUnique();
            user.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId);
        });
        modelBuilder.Entity<Session>(session =>
        {
            session.ToTable("sessions");
            session.Property(s => s.Id).HasMaxLength(64);
            session.Property(s => s.UserId).HasMaxLength(64);
            session.Property(s => s.UserAgent).HasMaxLength(300);
            session.Property(s => s.IpAddress).HasMaxLength(64);
            session.Property(s => s.RevokedReason).HasMaxLength(100);
            session.HasIndex(s => new { s.UserId, s.RevokedAt });
            session.HasIndex(s => s.RevokedAt);
        });
        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.Property(t => t.Id).HasMaxLength(64);
            token.Property(t => t.SessionId).HasMaxLength(64);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.SessionId);
        });
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.Property(k => k.Id).HasMaxLength(64);
            key.Property(k => k.Name).HasMaxLength(200);
            key.Property(k => k.Prefix).HasMaxLength(16);
            key.Property(k => k.KeyHash).HasMaxLength(64);
            key.Property(k => k.ScopeText).HasColumnName("Scopes").HasMaxLength(200);
            key.Property(k => k.CreatedBy).HasMaxLength(64);
            key.HasIndex(k => k.KeyHash).IsUnique();
            key.HasIndex(k => k.RevokedAt);
        });
        modelBuilder.Entity<Invite>(invite =>
        {
            invite.ToTable("invites");
            invite.Property(i => i.Id).HasMaxLength(64);
            invite.Property(i => i.Email).HasMaxLength(320);
            invite.Property(i => i.Role).HasMaxLength(20);
            invite.Property(i => i.TokenHash).HasMaxLength(64);
            invite.Property(i => i.InvitedBy).HasMaxLength(64);
            invite.HasIndex(i => i.TokenHash).IsUnique();
        });
        modelBuilder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.Property(k => k.Id).HasMaxLength(64);
            key.HasIndex(k => k.RetiresAt);
        });
    }
}
