using System.Data.Common;
using MagicHub.Identity.ApiKeys;
using MagicHub.Identity.Data;
using MagicHub.Identity.Invites;
using MagicHub.Identity.Sessions;
using MagicHub.Identity.Tenants;
using MagicHub.Identity.Users;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

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
        RegisterRequest request, SqlDatabase<IdentityDb> database, PasswordSignIn passwords, TokenService tokens, IdentityServiceOptions options,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tenant = new Tenant { Id = Secrets.NewId(), Name = request.TenantName.Trim(), CreatedAt = now };
        var user = NewUser(tenant.Id, request.Email, request.DisplayName, PlatformRoles.Owner, now);
        await using (var connection = await database.OpenAsync(ct))
        {
            if (!options.AllowRegistration)
            {
                await using var anyTenant = connection.CreateCommand("SELECT 1 FROM \"tenants\" LIMIT 1");
                if (await anyTenant.AnyAsync(ct))
                {
                    return Problems.Forbidden("Registration is closed (Identity:AllowRegistration is false); ask a tenant admin for an invitation.");
                }
            }
            if (await User.EmailTakenAsync(connection, user.NormalizedEmail, ct))
            {
                return Problems.Conflict("A user with this e-mail address already exists.");
            }
            passwords.SetPassword(user, request.Password);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            try
            {
                await using (var insertTenant = tenant.AddParameters(connection.CreateCommand(Tenant.Insert, transaction)))
                {
                    await insertTenant.ExecuteNonQueryAsync(ct);
                }
                await using (var insertUser = user.AddParameters(connection.CreateCommand(User.Insert, transaction)))
                {
                    await insertUser.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
            }
            catch (DbException ex) when (ex.IsUniqueViolation())
            {
                // The same address registered concurrently (the unique index on the normalized e-mail).
                await transaction.RollbackAsync(ct);
                return Problems.Conflict("A user with this e-mail address already exists.");
            }
        }
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
        AcceptInviteRequest request, SqlDatabase<IdentityDb> database, PasswordSignIn passwords, TokenService tokens, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        User user;
        await using (var connection = await database.OpenAsync(ct))
        {
            // No tenant filter: the invitee is not signed in; the invitation says which tenant.
            Invite? invite;
            await using (var select = connection.CreateCommand(
                $"SELECT {Invite.Columns} FROM \"invites\" WHERE \"TokenHash\" = @hash AND \"AcceptedAt\" IS NULL AND \"ExpiresAt\" > @now")
                .WithParameter("hash", Secrets.Hash(request.Token)).WithParameter("now", now))
            {
                invite = await select.ReadFirstAsync(Invite.Read, ct);
            }
            if (invite is null)
            {
                return InviteNotFound();
            }
            if (await User.EmailTakenAsync(connection, User.Normalize(invite.Email), ct))
            {
                return Problems.Conflict("A user with the invited e-mail address already exists.");
            }
            user = NewUser(invite.TenantId, invite.Email, request.DisplayName, invite.Role, now);
            passwords.SetPassword(user, request.Password);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            try
            {
                // Accepted once: a concurrent acceptance of the same invitation finds it taken.
                await using (var accept = connection.CreateCommand(
                    "UPDATE \"invites\" SET \"AcceptedAt\" = @now WHERE \"Id\" = @id AND \"AcceptedAt\" IS NULL", transaction)
                    .WithParameter("now", now).WithParameter("id", invite.Id))
                {
                    if (await accept.ExecuteNonQueryAsync(ct) != 1)
                    {
                        await transaction.RollbackAsync(ct);
                        return InviteNotFound();
                    }
                }
                await using (var insert = user.AddParameters(connection.CreateCommand(User.Insert, transaction)))
                {
                    await insert.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
            }
            catch (DbException ex) when (ex.IsUniqueViolation())
            {
                await transaction.RollbackAsync(ct);
                return Problems.Conflict("A user with the invited e-mail address already exists.");
            }
        }
        return TypedResults.Created("/me", await tokens.StartSessionAsync(user, http, ct));
    }

    private static ProblemHttpResult InviteNotFound() => Problems.NotFound("The invitation is unknown, expired or already accepted.");

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ApiKeyTokenAsync(
        ApiKeyTokenRequest? request, SqlDatabase<IdentityDb> database, TokenService tokens, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var secret = request?.ApiKey ?? http.Request.Headers[ApiKeyHeader].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(secret))
        {
            return Problems.BadRequest("Send the API key as {\"api_key\": \"...\"} or in the X-Api-Key header.");
        }
        ApiKey? key;
        await using (var connection = await database.OpenAsync(ct))
        {
            // No tenant filter: the key says whose it is.
            await using (var select = connection.CreateCommand($"SELECT {ApiKey.Columns} FROM \"api_keys\" WHERE \"KeyHash\" = @hash AND \"RevokedAt\" IS NULL")
                .WithParameter("hash", Secrets.Hash(secret)))
            {
                key = await select.ReadFirstAsync(ApiKey.Read, ct);
            }
            if (key is null)
            {
                return Problems.Unauthorized("The API key is unknown or revoked.", "invalid-api-key");
            }
            key.LastUsedAt = clock.GetUtcNow().UtcDateTime;
            await using var touch = connection.CreateCommand("UPDATE \"api_keys\" SET \"LastUsedAt\" = @now WHERE \"Id\" = @id")
                .WithParameter("now", key.LastUsedAt).WithParameter("id", key.Id);
            await touch.ExecuteNonQueryAsync(ct);
        }
        return TypedResults.Ok(await tokens.ApiKeyTokenAsync(key, ct));
    }

    private static async Task<NoContent> LogoutAsync(SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var sid = http.User.FindFirst(PlatformClaims.SessionId)?.Value;
        await using var connection = await database.OpenAsync(ct);
        await Session.RevokeAsync(connection, null, tenant, clock.GetUtcNow().UtcDateTime, "signed out", "\"Id\" = @session", ct, ("session", sid));
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
