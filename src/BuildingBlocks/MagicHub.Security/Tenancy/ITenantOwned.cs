namespace MagicHub.Security.Tenancy;

/// <summary>A record that belongs to one tenant; <see cref="TenantDbContext"/> filters and stamps it.</summary>
public interface ITenantOwned
{
    /// <summary>The owning tenant; set on insert from the caller's tenant when left empty.</summary>
    string TenantId { get; set; }
}
