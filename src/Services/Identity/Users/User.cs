using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.Users;

/// <summary>A person who signs in to one tenant with a role there.</summary>
public sealed class User : ITenantOwned
{
    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string Email { get; set; }
    /// <summary>Upper-case e-mail for lookups; unique across the platform.</summary>
    public required string NormalizedEmail { get; set; }
    public string DisplayName { get; set; } = "";
    public required string Role { get; set; }
    public string PasswordHash { get; set; } = "";
    public int AccessFailedCount { get; set; }
    public DateTime? LockoutEnd { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when the user is deleted; the row stays so that its sessions stay revoked.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Normalizes an e-mail address for lookups.</summary>
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>Whether the account is locked at <paramref name="now"/>.</summary>
    public bool IsLockedOut(DateTime now) => LockoutEnd is { } end && end > now;
}
