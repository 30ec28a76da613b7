namespace MagicHub.Security.Tenancy;

/// <summary>A record that belongs to one tenant; queries filter it and inserts stamp it with <see cref="TenantSql"/>.</summary>
public interface ITenantOwned
{
    /// <summary>The owning tenant; set on insert from the caller's tenant when left empty.</summary>
    string TenantId { get; set; }
}
