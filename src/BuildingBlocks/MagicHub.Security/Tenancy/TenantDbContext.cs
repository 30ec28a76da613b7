using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MagicHub.Security.Tenancy;

/// <summary>
/// Base of every service DbContext holding tenant data: each entity implementing <see cref="ITenantOwned"/> gets a
/// global query filter <c>TenantId == caller's tenant</c> (so another tenant's id is simply not found), new
/// records are stamped with the caller's tenant, and writing a record into another tenant throws.
/// Bypass the filter deliberately with <c>IgnoreQueryFilters()</c> (e.g. login before a tenant is known).
/// </summary>
/// <param name="options">The context options.</param>
/// <param name="tenant">The caller's tenant.</param>
// EF Core itself is neither trim nor AOT compatible (its DbContext constructor says so); services with a database are not published Native AOT.
[RequiresUnreferencedCode("EF Core is not compatible with trimming.")]
[RequiresDynamicCode("EF Core is not compatible with Native AOT.")]
public abstract class TenantDbContext(DbContextOptions options, ITenantContext tenant) : DbContext(options)
{
    /// <summary>The tenant queries are filtered by; null matches no record.</summary>
    public string? CurrentTenantId => tenant.TenantId;

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Conventions.Add(_ => new TenantQueryFilterConvention(this));
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampTenant()
    {
        var current = CurrentTenantId;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added when string.IsNullOrEmpty(entry.Entity.TenantId):
                    entry.Entity.TenantId = current
                        ?? throw new InvalidOperationException($"A {entry.Metadata.DisplayName()} is being added without a tenant in context.");
                    break;
                case EntityState.Added when current is not null && entry.Entity.TenantId != current:
                    throw new InvalidOperationException($"A {entry.Metadata.DisplayName()} of another tenant cannot be added.");
                case EntityState.Modified or EntityState.Deleted when TenantChanged(entry) || (current is not null && entry.Entity.TenantId != current):
                    throw new InvalidOperationException($"A {entry.Metadata.DisplayName()} of another tenant cannot be changed.");
            }
        }
    }

    private static bool TenantChanged(EntityEntry<ITenantOwned> entry)
    {
        var property = entry.Property(e => e.TenantId);
        return property.IsModified && !Equals(property.OriginalValue, property.CurrentValue);
    }
}
