namespace MagicHub.Security;

/// <summary>Claim names carried by MagicHub access tokens (JWT names, not mapped to WS-* URIs).</summary>
public static class PlatformClaims
{
    /// <summary>The user id, or <c>apikey:{id}</c> for an API key.</summary>
    public const string Subject = "sub";

    /// <summary>The tenant the caller acts for.</summary>
    public const string TenantId = "tid";

    /// <summary>The session (refresh token family) or API key the token was issued for; what revocation names.</summary>
    public const string SessionId = "sid";

    /// <summary>The caller's role in the tenant: one of <see cref="PlatformRoles"/>.</summary>
    public const string Role = "role";

    /// <summary>Space-separated scopes of an API key.</summary>
    public const string Scope = "scope";

    /// <summary><c>user</c> or <c>api_key</c>.</summary>
    public const string Kind = "kind";

    /// <summary>The user's e-mail address.</summary>
    public const string Email = "email";

    /// <summary>The user's display name.</summary>
    public const string Name = "name";
}

/// <summary>Roles of a user in a tenant, from most to least powerful.</summary>
public static class PlatformRoles
{
    /// <summary>Created the tenant; everything, including deleting admins.</summary>
    public const string Owner = "owner";

    /// <summary>Manages users, invites and API keys.</summary>
    public const string Admin = "admin";

    /// <summary>Reads and writes the tenant's data.</summary>
    public const string Member = "member";

    /// <summary>Reads the tenant's data.</summary>
    public const string ReadOnly = "read-only";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Owner, Admin, Member, ReadOnly];

    /// <summary>Roles that may change data.</summary>
    public static IReadOnlyList<string> Writers { get; } = [Owner, Admin, Member];

    /// <summary>Roles that may manage users and keys.</summary>
    public static IReadOnlyList<string> Managers { get; } = [Owner, Admin];
}

/// <summary>Authorization policy names registered by <c>AddPlatformSecurity</c>.</summary>
public static class PlatformPolicies
{
    /// <summary>Any authenticated caller of the tenant (every role, read or write API keys).</summary>
    public const string Read = "platform:read";

    /// <summary>Callers that may change data: owner, admin, member and API keys with the <c>write</c> scope.</summary>
    public const string Write = "platform:write";

    /// <summary>Owners and admins.</summary>
    public const string Manage = "platform:manage";

    /// <summary>
    /// Platform operations that span tenants (dead letters, replay): only platform services' tokens
    /// (<c>kind</c> <c>service</c>, obtained with the service secret), never a tenant's user or API key.
    /// </summary>
    public const string Operate = "platform:operate";
}
