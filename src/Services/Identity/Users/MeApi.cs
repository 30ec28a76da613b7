using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Identity.Sessions;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace MagicHub.Identity.Users;

/// <summary>The signed-in user's own profile.</summary>
public static class MeApi
{
    /// <summary>Maps <c>/me</c>.</summary>
    public static RouteGroupBuilder MapMeApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/me").WithTags("Profile").RequireAuthorization(PlatformPolicies.Read);
        me.MapGet("", GetAsync).WithSummary("My profile.");
        me.MapPatch("", UpdateAsync).WithSummary("Update my profile.");
        me.MapPost("/password", ChangePasswordAsync).WithSummary("Change my password; signs out my other sessions.");
        return me;
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(
        SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await UsersApi.FindAsync(connection, null, tenant, Subject(http), ct) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> UpdateAsync(
        UpdateProfileRequest request, SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var user = await UsersApi.FindAsync(connection, null, tenant, Subject(http), ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (request.DisplayName is { } name)
        {
            user.DisplayName = name.Trim();
        }
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using var update = connection.CreateCommand(
            "UPDATE \"users\" SET \"DisplayName\" = @name, \"UpdatedAt\" = @updated WHERE \"Id\" = @id AND \"TenantId\" = @tenant")
            .WithParameter("name", user.DisplayName).WithParameter("updated", user.UpdatedAt).WithParameter("id", user.Id).WithTenant(tenant);
        await update.ExecuteNonQueryAsync(ct);
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, SqlDatabase<IdentityDb> database, ITenantContext tenant, IPasswordHasher<User> hasher, PasswordSignIn passwords,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var user = await UsersApi.FindAsync(connection, null, tenant, Subject(http), ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return Problems.BadRequest("The current password is wrong.");
        }
        passwords.SetPassword(user, request.NewPassword);
        var now = clock.GetUtcNow().UtcDateTime;
        user.UpdatedAt = now;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var update = connection.CreateCommand(
            "UPDATE \"users\" SET \"PasswordHash\" = @hash, \"UpdatedAt\" = @updated WHERE \"Id\" = @id AND \"TenantId\" = @tenant", transaction)
            .WithParameter("hash", user.PasswordHash).WithParameter("updated", now).WithParameter("id", user.Id).WithTenant(tenant))
        {
            await update.ExecuteNonQueryAsync(ct);
        }
        var current = http.User.FindFirst(PlatformClaims.SessionId)?.Value;
        await Session.RevokeAsync(connection, transaction, tenant, now, "password changed",
            "\"UserId\" = @user AND \"RevokedAt\" IS NULL AND \"Id\" <> @current", ct, ("user", user.Id), ("current", current ?? ""));
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static string? Subject(HttpContext http) => http.User.FindFirst(PlatformClaims.Subject)?.Value;
}
