using MagicHub.Persistence;

namespace MagicHub.Identity.Data;

/// <summary>
/// Names the identity service's <see cref="SqlDatabase{TDatabase}"/>. Its schema is the embedded
/// <c>IdentityDb.sqlite.sql</c> and <c>IdentityDb.postgres.sql</c>: the tables EF Core made before the service moved to
/// plain SQL (for Native AOT), so databases of earlier versions are used as they are. Tenant-owned tables
/// (<see cref="MagicHub.Security.Tenancy.ITenantOwned"/>) are read with an explicit <c>"TenantId" = @tenant</c> of the
/// caller's tenant, as EF Core's tenant query filter did; paths that work before a tenant is known (sign-in, refresh,
/// token checks, revocation list) leave it out on purpose.
/// </summary>
public sealed class IdentityDb
{
    private IdentityDb()
    {
    }

    /// <summary>Schema changes for databases created by earlier versions, in order.</summary>
    public static readonly IReadOnlyList<SchemaUpgrade> Upgrades = [];
}
