using MagicHub.Identity.ApiKeys;
using MagicHub.Identity.Data;
using MagicHub.Identity.Invites;
using MagicHub.Identity.Tenants;
using MagicHub.Identity.Users;
using MagicHub.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Identity.Auth;

/// <summary>Sign-up, sign-in, token refresh, sign-out, invitation acceptance and API key exchange.</summary>
public static class AuthApi
{
    /// <summary>Header that carries an API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Maps the <c>/auth</c> group.</summary>
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/register", RegisterAsync).AllowAnonymous()
            .WithSummary("Create a tenant and its owner; answers with the owner's tokens. The first-run setup.");
        auth.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Sign in with e-mail and password; locks the account after repeated failures.");
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("Exchange a refresh token (once) for a new token pair; reuse revokes the session.");
        auth.MapPost("/accept-invite", AcceptInviteAsync).AllowAnonymous()
            .WithSummary("Join a tenant with an invitation token; answers with the new user's tokens.");
        auth.MapPost("/api-key/token", ApiKeyTokenAsync).AllowAnonymous()
            .WithSummary("Exchange an API key (body or X-Api-Key header) for a short-lived access token.");
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .WithSummary("End the current session.");
        return auth;
    }

    private static async Task<Results<Created<TokenResponse>, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, IdentityDb db, PasswordSignIn passwords, TokenService tokens, IdentityServiceOptions options,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!options.AllowRegistration && await db.Tenants.AnyAsync(ct))
        {
            return Problems.Forbidden("Registration is closed (Identity:AllowRegistration is false); ask a tenant admin for an invitation.");
        }
        var normalized = User.Normalize(request.Email);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedEmail == normalized, ct))
        {
            return Problems.Conflict("A user with this e-mail address already exists.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var tenant = new Tenant { Id = Secrets.NewId(), Name = request.TenantName.Trim(), CreatedAt = now };
        var user = NewUser(tenant.Id, request.Email, request.DisplayName, PlatformRoles.Owner, now);
        passwords.SetPassword(user, request.Password);
        db.Tenants.Add(tenant);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/me", await tokens.StartSessionAsync(user, http, ct));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, PasswordSignIn passwords, TokenService tokens, HttpContext http, CancellationToken ct)
    {
        var (outcome, user) = await passwords.CheckAsync(request.Email, request.Password, ct);
        return outcome switch
        {
            SignInOutcome.Succeeded => TypedResults.Ok(await tokens.StartSessionAsync(user!, http, ct)),
            SignInOutcome.LockedOut => Problems.Unauthorized("The account is locked after repeated failed sign-ins; try again later.", "account-locked"),
            _ => Problems.Unauthorized("The e-mail address or password is wrong.", "invalid-credentials"),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(RefreshRequest request, TokenService tokens, CancellationToken ct) =>
        await tokens.RefreshAsync(request.RefreshToken, ct) is { } response
            ? TypedResults.Ok(response)
            : Problems.Unauthorized("The refresh token is unknown, expired, already used or its session was revoked.", "invalid-refresh-token");

    private static async Task<Results<Created<TokenResponse>, ProblemHttpResult>> AcceptInviteAsync(
        AcceptInviteRequest request, IdentityDb db, PasswordSignIn passwords, TokenService tokens, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Secrets.Hash(request.Token);
        var invite = await db.Invites.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, ct);
        if (invite is null)
        {
            return Problems.NotFound("The invitation is unknown, expired or already accepted.");
        }
        var normalized = User.Normalize(invite.Email);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedEmail == normalized, ct))
        {
            return Problems.Conflict("A user with the invited e-mail address already exists.");
        }
        var user = NewUser(invite.TenantId, invite.Email, request.DisplayName, invite.Role, now);
        passwords.SetPassword(user, request.Password);
        invite.AcceptedAt = now;
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/me", await tokens.StartSessionAsync(user, http, ct));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ApiKeyTokenAsync(
        ApiKeyTokenRequest? request, IdentityDb db, TokenService tokens, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var secret = request?.ApiKey ?? http.Request.Headers[ApiKeyHeader].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(secret))
        {
            return Problems.BadRequest("Send the API key as {\"api_key\": \"...\"} or in the X-Api-Key header.");
        }
        var hash = Secrets.Hash(secret);
        var key = await db.ApiKeys.IgnoreQueryFilters().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        if (key is null)
        {
            return Problems.Unauthorized("The API key is unknown or revoked.", "invalid-api-key");
        }
        key.LastUsedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await tokens.ApiKeyTokenAsync(key, ct));
    }

    private static async Task<NoContent> LogoutAsync(IdentityDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var sid = http.User.FindFirst(PlatformClaims.SessionId)?.Value;
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sid, ct);
        session?.Revoke(clock.GetUtcNow().UtcDateTime, "signed out");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static User NewUser(string tenantId, string email, string? displayName, string role, DateTime now) => new()
    {
        Id = Secrets.NewId(),
        TenantId = tenantId,
        Email = email.Trim(),
        NormalizedEmail = User.Normalize(email),
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim().Split('@')[0] : displayName.Trim(),
        Role = role,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
