using MagicHub.Persistence;

namespace MagicHub.Calls.Data;

/// <summary>
/// Names the calls service's <see cref="SqlDatabase{TDatabase}"/>: the seed's <c>general</c> and <c>domain_specific</c>
/// tables and the pipeline's <c>call_jobs</c>. Its schema is the embedded <c>CallsDb.sqlite.sql</c> and
/// <c>CallsDb.postgres.sql</c>: the tables EF Core made before the service moved to plain SQL (for Native AOT), so
/// databases of earlier versions are used as they are; the messaging tables are MagicHub.Messaging's own. Every table is
/// tenant-owned and read with an explicit <c>"TenantId" = @tenant</c>, as EF Core's tenant query filter did.
/// </summary>
public sealed class CallsDb
{
    private CallsDb()
    {
    }

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
}
