using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Security.Tenancy;

/// <summary>The tenant (and user) a piece of work runs for, taken from the validated access token.</summary>
public interface ITenantContext
{
    /// <summary>The caller's tenant, or null outside an authenticated request.</summary>
    string? TenantId { get; }

    /// <summary>The caller's subject (user id or <c>apikey:{id}</c>), or null.</summary>
    string? UserId { get; }

    /// <summary>The caller's role, or null.</summary>
    string? Role { get; }
}

/// <summary>
/// <see cref="ITenantContext"/> of the current HTTP request's user; work outside a request (background jobs,
/// event handlers) sets its tenant with <see cref="BeginScope"/>.
/// </summary>
public sealed class TenantContext(IHttpContextAccessor accessor) : ITenantContext
{
    private static readonly AsyncLocal<string?> Override = new();

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    /// <inheritdoc />
    public string? TenantId => Override.Value ?? User?.FindFirst(PlatformClaims.TenantId)?.Value;

    /// <inheritdoc />
    public string? UserId => User?.FindFirst(PlatformClaims.Subject)?.Value;

    /// <inheritdoc />
    public string? Role => User?.FindFirst(PlatformClaims.Role)?.Value;

    /// <summary>The tenant set by <see cref="BeginScope"/> for the current async flow, if any.</summary>
    public static string? ScopedTenantId => Override.Value;

    /// <summary>Runs the following work (same async flow) for <paramref name="tenantId"/> until disposed.</summary>
    public static IDisposable BeginScope(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var previous = Override.Value;
        Override.Value = tenantId;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}

/// <summary>A fixed tenant, for tools and tests.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="UserId">The user, if any.</param>
/// <param name="Role">The role, if any.</param>
public sealed record FixedTenantContext(string? TenantId, string? UserId = null, string? Role = null) : ITenantContext;
