using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Identity.Users;

/// <summary>Owners and admins manage the users of their tenant; other tenants' users are never found.</summary>
public static class UsersApi
{
    /// <summary>Maps <c>/users</c>.</summary>
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/users").WithTags("Users").RequireAuthorization(PlatformPolicies.Manage);
        users.MapGet("", ListAsync).WithSummary("The tenant's users.");
        users.MapGet("/{userId}", GetAsync).WithSummary("One user of the tenant.");
        users.MapPatch("/{userId}", UpdateAsync).WithSummary("Change a user's role (only an owner grants or removes the owner role).");
        users.MapDelete("/{userId}", DeleteAsync).WithSummary("Delete a user; their sessions and tokens stop working.");
        return users;
    }

    private static async Task<Ok<List<UserResponse>>> ListAsync(IdentityDb db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.DeletedAt == null).OrderBy(u => u.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(users.Select(UserResponse.From).ToList());
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(string userId, IdentityDb db, CancellationToken ct) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> UpdateAsync(
        string userId, UpdateUserRequest request, IdentityDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if ((request.Role == PlatformRoles.Owner || user.Role == PlatformRoles.Owner) && !http.User.IsInRole(PlatformRoles.Owner))
        {
            return Problems.Forbidden("Only an owner can grant or remove the owner role.");
        }
        if (user.Role == PlatformRoles.Owner && request.Role != PlatformRoles.Owner && await IsLastOwnerAsync(db, user, ct))
        {
            return Problems.Conflict("The tenant's last owner cannot lose the owner role.");
        }
        user.Role = request.Role;
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        string userId, IdentityDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (user.Role == PlatformRoles.Owner && !http.User.IsInRole(PlatformRoles.Owner))
        {
            return Problems.Forbidden("Only an owner can delete an owner.");
        }
        if (user.Role == PlatformRoles.Owner && await IsLastOwnerAsync(db, user, ct))
        {
            return Problems.Conflict("The tenant's last owner cannot be deleted.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        user.DeletedAt = now;
        user.UpdatedAt = now;
        // Frees the address for a new account while the row keeps the sessions' history.
        user.NormalizedEmail = $"DELETED:{user.Id}";
        foreach (var session in await db.Sessions.Where(s => s.UserId == user.Id && s.RevokedAt == null).ToListAsync(ct))
        {
            session.Revoke(now, "user deleted");
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<bool> IsLastOwnerAsync(IdentityDb db, User user, CancellationToken ct) =>
        !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == PlatformRoles.Owner && u.DeletedAt == null, ct);
}
