using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace MagicHub.Identity.Auth;

/// <summary>
/// The identity service owns the sessions, so it checks every token against them at once: a token of a revoked
/// session, deleted user or revoked API key is refused here without waiting for it to expire.
/// </summary>
public static class SessionCheck
{
    // No tenant filter in these checks: they run while the token is being validated, before a tenant is known.
    private const string ActiveApiKey = "SELECT 1 FROM \"api_keys\" WHERE \"Id\" = @id AND \"RevokedAt\" IS NULL";

    private const string ActiveSession =
        """
        SELECT 1 FROM "sessions" WHERE "Id" = @id AND "UserId" = @user AND "RevokedAt" IS NULL
            AND EXISTS (SELECT 1 FROM "users" WHERE "Id" = @user AND "DeletedAt" IS NULL)
        """;

    /// <summary>Fails the token unless its session (or API key) is active and its user exists.</summary>
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var sid = principal.FindFirst(PlatformClaims.SessionId)?.Value;
        var sub = principal.FindFirst(PlatformClaims.Subject)?.Value;
        var tid = principal.FindFirst(PlatformClaims.TenantId)?.Value;
        var database = context.HttpContext.RequestServices.GetRequiredService<SqlDatabase<IdentityDb>>();
        var ct = context.HttpContext.RequestAborted;
        var active = sid switch
        {
            null => false,
            _ when sid.StartsWith("svc_", StringComparison.Ordinal) => await TenantExistsAsync(database, tid, ct),
            _ when sid.StartsWith("ak_", StringComparison.Ordinal) => await ExistsAsync(database, ActiveApiKey, ct, ("id", sid[3..])),
            _ => await ExistsAsync(database, ActiveSession, ct, ("id", sid), ("user", sub)),
        };
        if (!active)
        {
            context.Fail("The token's session, user or API key no longer exists or was revoked.");
        }
    }

    /// <summary>Whether tenant <paramref name="tenantId"/> exists.</summary>
    public static Task<bool> TenantExistsAsync(SqlDatabase<IdentityDb> database, string? tenantId, CancellationToken ct) =>
        ExistsAsync(database, "SELECT 1 FROM \"tenants\" WHERE \"Id\" = @id", ct, ("id", tenantId));

    private static async Task<bool> ExistsAsync(SqlDatabase<IdentityDb> database, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            select.WithParameter(name, value);
        }
        return await select.AnyAsync(ct);
    }
}
