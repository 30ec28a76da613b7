using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.Sessions;

/// <summary>One sign-in of a user: the family of refresh tokens that rotate from it.</summary>
public sealed class Session : ITenantOwned
{
    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string UserId { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    /// <summary>Ends the session; its refresh tokens stop working and its access tokens are listed as revoked.</summary>
    public void Revoke(DateTime now, string reason)
    {
        if (RevokedAt is null)
        {
            RevokedAt = now;
            RevokedReason = reason;
        }
    }
}

/// <summary>An opaque refresh token, stored as its SHA-256 hash; usable once.</summary>
public sealed class RefreshToken : ITenantOwned
{
    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string SessionId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// <summary>When it was exchanged; a second exchange is reuse and revokes the session.</summary>
    public DateTime? ConsumedAt { get; set; }
}
