using MagicHub.Identity.Data;
using MagicHub.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Identity.Auth;

/// <summary>
/// The identity service owns the sessions, so it checks every token against them at once: a token of a revoked
/// session, deleted user or revoked API key is refused here without waiting for it to expire.
/// </summary>
public static class SessionCheck
{
    /// <summary>Fails the token unless its session (or API key) is active and its user exists.</summary>
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var sid = principal.FindFirst(PlatformClaims.SessionId)?.Value;
        var sub = principal.FindFirst(PlatformClaims.Subject)?.Value;
        var tid = principal.FindFirst(PlatformClaims.TenantId)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<IdentityDb>();
        var ct = context.HttpContext.RequestAborted;
        var active = sid switch
        {
            null => false,
            _ when sid.StartsWith("svc_", StringComparison.Ordinal) =>
                await db.Tenants.AnyAsync(t => t.Id == tid, ct),
            _ when sid.StartsWith("ak_", StringComparison.Ordinal) =>
                await db.ApiKeys.IgnoreQueryFilters().AnyAsync(k => k.Id == sid.Substring(3) && k.RevokedAt == null, ct),
            _ => await db.Sessions.IgnoreQueryFilters().AnyAsync(s => s.Id == sid && s.UserId == sub && s.RevokedAt == null
                    && db.Users.IgnoreQueryFilters().Any(u => u.Id == sub && u.DeletedAt == null), ct),
        };
        if (!active)
        {
            context.Fail("The token's session, user or API key no longer exists or was revoked.");
        }
    }
}
