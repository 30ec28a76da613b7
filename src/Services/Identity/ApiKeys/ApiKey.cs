using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.ApiKeys;

/// <summary>A machine client's key of a tenant; the secret is shown once and stored as its SHA-256 hash.</summary>
public sealed class ApiKey : ITenantOwned
{
    /// <summary>Scope that lets a key read the tenant's data.</summary>
    public const string ReadScope = "read";

    /// <summary>Scope that lets a key change the tenant's data.</summary>
    public const string WriteScope = "write";

    /// <summary>Every scope a key can have.</summary>
    public static IReadOnlyList<string> Scopes { get; } = [ReadScope, WriteScope];

    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string Name { get; set; }
    /// <summary>The first characters of the key, shown in lists so a user can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    /// <summary>Space-separated scopes.</summary>
    public required string ScopeText { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>The <c>sid</c> claim of the tokens this key is exchanged for; what revocation names.</summary>
    public string SessionId => "ak_" + Id;

    /// <summary>The scopes as a list.</summary>
    public IReadOnlyList<string> ScopeList => ScopeText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
