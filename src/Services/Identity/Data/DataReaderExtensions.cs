using System.Data.Common;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.Data;

/// <summary>Tenant filtering and stamping for the identity service's plain SQL (reading rows: <see cref="SqlCommands"/>).</summary>
internal static class DataReaderExtensions
{
    /// <summary>Adds <c>@tenant</c>, the caller's tenant (null matches no row, as EF Core's tenant filter did).</summary>
    public static DbCommand WithTenant(this DbCommand command, ITenantContext tenant) =>
        command.WithParameter("tenant", tenant.TenantId);

    /// <summary>
    /// Stamps a new tenant-owned <paramref name="row"/> with the caller's tenant when it has none, and refuses a row of
    /// another tenant (as <see cref="TenantDbContext"/> does on insert).
    /// </summary>
    public static T Stamped<T>(this T row, ITenantContext tenant) where T : ITenantOwned
    {
        var current = tenant.TenantId;
        if (string.IsNullOrEmpty(row.TenantId))
        {
            row.TenantId = current ?? throw new InvalidOperationException($"A {typeof(T).Name} is being added without a tenant in context.");
        }
        else if (current is not null && row.TenantId != current)
        {
            throw new InvalidOperationException($"A {typeof(T).Name} of another tenant cannot be added.");
        }
        return row;
    }
}
