namespace MagicHub.Identity.Tenants;

/// <summary>A customer of the platform: owns users, API keys and, in every other service, data.</summary>
public sealed class Tenant
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}
