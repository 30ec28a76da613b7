using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(IdentityDb db, HttpContext http, CancellationToken ct) =>
        await FindMeAsync(db, http, ct) is { } user ? TypedResults.Ok(UserResponse.From(user)) : TypedResults.NotFound();

    private static async Task<Results<Ok<UserResponse>, NotFound>> UpdateAsync(
        UpdateProfileRequest request, IdentityDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var user = await FindMeAsync(db, http, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (request.DisplayName is { } name)
        {
            user.DisplayName = name.Trim();
        }
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, IdentityDb db, IPasswordHasher<User> hasher, PasswordSignIn passwords,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var user = await FindMeAsync(db, http, ct);
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
        var current = http.User.FindFirst(PlatformClaims.SessionId)?.Value;
        foreach (var session in await db.Sessions.Where(s => s.UserId == user.Id && s.RevokedAt == null && s.Id != current).ToListAsync(ct))
        {
            session.Revoke(now, "password changed");
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<User?> FindMeAsync(IdentityDb db, HttpContext http, CancellationToken ct)
    {
        var id = http.User.FindFirst(PlatformClaims.Subject)?.Value;
        return db.Users.FirstOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, ct);
    }
}
