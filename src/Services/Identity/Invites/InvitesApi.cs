using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Identity.Users;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MagicHub.Identity.Invites;

/// <summary>Invites an e-mail address into the tenant with a role.</summary>
public sealed record CreateInviteRequest(
    [property: JsonPropertyName("email")][Required, EmailAddress, StringLength(320)] string Email,
    [property: JsonPropertyName("role")][Required, AllowedValues("admin", "member", "read-only")] string Role);

/// <summary>An invitation; <see cref="Token"/> only in the answer that created it.</summary>
public sealed record InviteResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("expires_at")] DateTime ExpiresAt,
    [property: JsonPropertyName("accepted_at")] DateTime? AcceptedAt,
    [property: JsonPropertyName("token")] string? Token = null);

/// <summary>Owners and admins invite users; the invitee accepts at <c>POST /auth/accept-invite</c>.</summary>
public static class InvitesApi
{
    /// <summary>Maps <c>/invites</c>.</summary>
    public static RouteGroupBuilder MapInvitesApi(this IEndpointRouteBuilder endpoints)
    {
        var invites = endpoints.MapGroup("/invites").WithTags("Invites").RequireAuthorization(PlatformPolicies.Manage);
        invites.MapPost("", CreateAsync).WithSummary("Invite an e-mail address; the answer carries the invitation token (shown once).");
        invites.MapGet("", ListAsync).WithSummary("The tenant's invitations.");
        invites.MapDelete("/{inviteId}", DeleteAsync).WithSummary("Withdraw an invitation.");
        return invites;
    }

    private static async Task<Results<Created<InviteResponse>, ProblemHttpResult>> CreateAsync(
        CreateInviteRequest request, SqlDatabase<IdentityDb> database, ITenantContext tenant, IdentityServiceOptions options, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        // Across tenants: an address belongs to one user of the platform.
        if (await User.EmailTakenAsync(connection, User.Normalize(request.Email), ct))
        {
            return Problems.Conflict("A user with this e-mail address already exists.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Secrets.New("mhi_");
        var invite = new Invite
        {
            Id = Secrets.NewId(),
            Email = request.Email.Trim(),
            Role = request.Role,
            TokenHash = Secrets.Hash(token),
            InvitedBy = http.User.FindFirst(PlatformClaims.Subject)!.Value,
            CreatedAt = now,
            ExpiresAt = now + options.InviteLifetime,
        }.Stamped(tenant);
        await using (var insert = invite.AddParameters(connection.CreateCommand(Invite.Insert)))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }
        return TypedResults.Created($"/invites/{invite.Id}", new InviteResponse(invite.Id, invite.Email, invite.Role, invite.ExpiresAt, null, token));
    }

    private static async Task<Ok<List<InviteResponse>>> ListAsync(SqlDatabase<IdentityDb> database, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand($"SELECT {Invite.Columns} FROM \"invites\" WHERE \"TenantId\" = @tenant ORDER BY \"CreatedAt\" DESC")
            .WithTenant(tenant);
        var invites = await select.ReadAllAsync(Invite.Read, ct);
        return TypedResults.Ok(invites.Select(i => new InviteResponse(i.Id, i.Email, i.Role, i.ExpiresAt, i.AcceptedAt)).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string inviteId, SqlDatabase<IdentityDb> database, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var delete = connection.CreateCommand("DELETE FROM \"invites\" WHERE \"Id\" = @id AND \"TenantId\" = @tenant")
            .WithParameter("id", inviteId).WithTenant(tenant);
        return await delete.ExecuteNonQueryAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
