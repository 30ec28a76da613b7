using System.Data.Common;

namespace MagicHub.Security.Tenancy;

/// <summary>
/// Tenant filtering and stamping on plain SQL: every
/// query of tenant-owned rows adds <c>"TenantId" = @tenant</c> with <c>WithTenant</c>, every insert stamps the row.
/// </summary>
public static class TenantSql
{
    /// <summary>Adds <c>@tenant</c>, the caller's tenant (null matches no row).</summary>
    public static DbCommand WithTenant(this DbCommand command, ITenantContext tenant) => command.WithTenant(tenant.TenantId);

    /// <summary>Adds <c>@tenant</c>, a tenant named by other means (an event's); null matches no row.</summary>
    public static DbCommand WithTenant(this DbCommand command, string? tenantId)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = (object?)tenantId ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>
    /// Stamps a new tenant-owned <paramref name="row"/> with the caller's tenant when it has none, and refuses a row of
    /// another tenant.
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
