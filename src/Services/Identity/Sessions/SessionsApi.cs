using System.Text.Json.Serialization;
using MagicHub.Identity.Data;
using MagicHub.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Identity.Sessions;

/// <summary>A session as the API shows it.</summary>
public sealed record SessionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("last_used_at")] DateTime LastUsedAt,
    [property: JsonPropertyName("user_agent")] string? UserAgent,
    [property: JsonPropertyName("ip_address")] string? IpAddress,
    [property: JsonPropertyName("current")] bool Current);

/// <summary>The signed-in user's sessions: list, revoke one, revoke all.</summary>
public static class SessionsApi
{
    /// <summary>Maps <c>/sessions</c>.</summary>
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder endpoints)
    {
        var sessions = endpoints.MapGroup("/sessions").WithTags("Sessions").RequireAuthorization(PlatformPolicies.Read);
        sessions.MapGet("", ListAsync).WithSummary("My active sessions.");
        sessions.MapDelete("/{sessionId}", RevokeAsync).WithSummary("Revoke one of my sessions.");
        sessions.MapDelete("", RevokeAllAsync).WithSummary("Revoke all my sessions, this one included.");
        return sessions;
    }

    private static async Task<Ok<List<SessionResponse>>> ListAsync(IdentityDb db, HttpContext http, CancellationToken ct)
    {
        var (userId, current) = Caller(http);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.RevokedAt == null)
            .OrderByDescending(s => s.LastUsedAt).ToListAsync(ct);
        return TypedResults.Ok(sessions.Select(s => new SessionResponse(s.Id, s.CreatedAt, s.LastUsedAt, s.UserAgent, s.IpAddress, s.Id == current)).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string sessionId, IdentityDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var (userId, _) = Caller(http);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }
        session.Revoke(clock.GetUtcNow().UtcDateTime, "revoked by user");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RevokeAllAsync(IdentityDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var (userId, _) = Caller(http);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var session in await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync(ct))
        {
            session.Revoke(now, "revoked by user");
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static (string? UserId, string? SessionId) Caller(HttpContext http) =>
        (http.User.FindFirst(PlatformClaims.Subject)?.Value, http.User.FindFirst(PlatformClaims.SessionId)?.Value);
}
