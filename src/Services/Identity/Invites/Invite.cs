using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.Invites;

/// <summary>An invitation for an e-mail address to join a tenant with a role; the token is stored hashed.</summary>
public sealed class Invite : ITenantOwned
{
    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string Email { get; set; }
    public required string Role { get; set; }
    public required string TokenHash { get; set; }
    public required string InvitedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
}
