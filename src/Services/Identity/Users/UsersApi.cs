using System.Data.Common;
using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Identity.Sessions;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MagicHub.Identity.Users;

/// <summary>Owners and admins manage the users of their tenant; other tenants' users are never found.</summary>
public static class UsersApi
{
    private const string OfTenant = "\"TenantId\" = @tenant AND \"DeletedAt\" IS NULL";

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

    /// <summary>The caller's tenant's user <paramref name="userId"/> unless deleted, or null.</summary>
    internal static async Task<User?> FindAsync(DbConnection connection, DbTransaction? transaction, ITenantContext tenant, string? userId, CancellationToken ct)
    {
        await using var select = connection.CreateCommand($"SELECT {User.Columns} FROM \"users\" WHERE \"Id\" = @id AND {OfTenant}", transaction)
            .WithParameter("id", userId).WithTenant(tenant);
        return await select.ReadFirstAsync(User.Read, ct);
    }

    private static async Task<Ok<List<UserResponse>>> ListAsync(SqlDatabase<IdentityDb> database, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand($"SELECT {User.Columns} FROM \"users\" WHERE {OfTenant} ORDER BY \"CreatedAt\"").WithTenant(tenant);
        var users = await select.ReadAllAsync(User.Read, ct);
        return TypedResults.Ok(users.Select(UserResponse.From).ToList());
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(string userId, SqlDatabase<IdentityDb> database, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await FindAsync(connection, null, tenant, userId, ct) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> UpdateAsync(
        string userId, UpdateUserRequest request, SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await BeginTenantChangeAsync(database, connection, tenant, ct);
        var user = await FindAsync(connection, transaction, tenant, userId, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if ((request.Role == PlatformRoles.Owner || user.Role == PlatformRoles.Owner) && !http.User.IsInRole(PlatformRoles.Owner))
        {
            return Problems.Forbidden("Only an owner can grant or remove the owner role.");
        }
        if (user.Role == PlatformRoles.Owner && request.Role != PlatformRoles.Owner && await IsLastOwnerAsync(connection, transaction, tenant, user, ct))
        {
            return Problems.Conflict("The tenant's last owner cannot lose the owner role.");
        }
        user.Role = request.Role;
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using (var update = connection.CreateCommand(
            "UPDATE \"users\" SET \"Role\" = @role, \"UpdatedAt\" = @updated WHERE \"Id\" = @id AND \"TenantId\" = @tenant", transaction)
            .WithParameter("role", user.Role).WithParameter("updated", user.UpdatedAt).WithParameter("id", user.Id).WithTenant(tenant))
        {
            await update.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        string userId, SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await BeginTenantChangeAsync(database, connection, tenant, ct);
        var user = await FindAsync(connection, transaction, tenant, userId, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (user.Role == PlatformRoles.Owner && !http.User.IsInRole(PlatformRoles.Owner))
        {
            return Problems.Forbidden("Only an owner can delete an owner.");
        }
        if (user.Role == PlatformRoles.Owner && await IsLastOwnerAsync(connection, transaction, tenant, user, ct))
        {
            return Problems.Conflict("The tenant's last owner cannot be deleted.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Frees the address for a new account while the row keeps the sessions' history.
        await using (var delete = connection.CreateCommand(
            "UPDATE \"users\" SET \"DeletedAt\" = @now, \"UpdatedAt\" = @now, \"NormalizedEmail\" = @freed WHERE \"Id\" = @id AND \"TenantId\" = @tenant", transaction)
            .WithParameter("now", now).WithParameter("freed", $"DELETED:{user.Id}").WithParameter("id", user.Id).WithTenant(tenant))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }
        await Session.RevokeAsync(connection, transaction, tenant, now, "user deleted", "\"UserId\" = @user AND \"RevokedAt\" IS NULL", ct, ("user", user.Id));
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A transaction for a change of the tenant's users that checks the last owner: such changes of one tenant take turns
    /// (SQLite's write transaction; on PostgreSQL a lock of the tenant's row), so two cannot both pass the check.
    /// </summary>
    private static async Task<DbTransaction> BeginTenantChangeAsync(SqlDatabase<IdentityDb> database, DbConnection connection, ITenantContext tenant, CancellationToken ct)
    {
        var transaction = await connection.BeginTransactionAsync(ct);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var lockTenant = connection.CreateCommand("SELECT 1 FROM \"tenants\" WHERE \"Id\" = @tenant FOR UPDATE", transaction).WithTenant(tenant);
            await lockTenant.ExecuteNonQueryAsync(ct);
        }
        return transaction;
    }

    private static async Task<bool> IsLastOwnerAsync(DbConnection connection, DbTransaction transaction, ITenantContext tenant, User user, CancellationToken ct)
    {
        await using var select = connection.CreateCommand($"SELECT 1 FROM \"users\" WHERE \"Id\" <> @id AND \"Role\" = @owner AND {OfTenant}", transaction)
            .WithParameter("id", user.Id).WithParameter("owner", PlatformRoles.Owner).WithTenant(tenant);
        return !await select.AnyAsync(ct);
    }
}
