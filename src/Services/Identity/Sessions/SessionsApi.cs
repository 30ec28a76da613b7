using System.Text.Json.Serialization;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

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

    private static async Task<Ok<List<SessionResponse>>> ListAsync(SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, CancellationToken ct)
    {
        var (userId, current) = Caller(http);
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand(
            $"SELECT {Session.Columns} FROM \"sessions\" WHERE \"TenantId\" = @tenant AND \"UserId\" = @user AND \"RevokedAt\" IS NULL ORDER BY \"LastUsedAt\" DESC")
            .WithTenant(tenant).WithParameter("user", userId);
        var sessions = await select.ReadAllAsync(Session.Read, ct);
        return TypedResults.Ok(sessions.Select(s => new SessionResponse(s.Id, s.CreatedAt, s.LastUsedAt, s.UserAgent, s.IpAddress, s.Id == current)).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(
        string sessionId, SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var (userId, _) = Caller(http);
        await using var connection = await database.OpenAsync(ct);
        var found = await Session.RevokeAsync(connection, null, tenant, clock.GetUtcNow().UtcDateTime, "revoked by user",
            "\"Id\" = @session AND \"UserId\" = @user", ct, ("session", sessionId), ("user", userId));
        return found > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<NoContent> RevokeAllAsync(SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var (userId, _) = Caller(http);
        await using var connection = await database.OpenAsync(ct);
        await Session.RevokeAsync(connection, null, tenant, clock.GetUtcNow().UtcDateTime, "revoked by user",
            "\"UserId\" = @user AND \"RevokedAt\" IS NULL", ct, ("user", userId));
        return TypedResults.NoContent();
    }

    private static (string? UserId, string? SessionId) Caller(HttpContext http) =>
        (http.User.FindFirst(PlatformClaims.Subject)?.Value, http.User.FindFirst(PlatformClaims.SessionId)?.Value);
}
