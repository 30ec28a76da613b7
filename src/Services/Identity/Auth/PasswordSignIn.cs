using MagicHub.Identity.Data;
using MagicHub.Identity.Users;
using MagicHub.Persistence;
using Microsoft.AspNetCore.Identity;

namespace MagicHub.Identity.Auth;

/// <summary>The outcome of a password check.</summary>
public enum SignInOutcome
{
    /// <summary>E-mail and password match.</summary>
    Succeeded,

    /// <summary>Unknown e-mail or wrong password.</summary>
    Failed,

    /// <summary>Too many failures in a row; refused without checking the password until the lockout ends.</summary>
    LockedOut,
}

/// <summary>Password hashing (ASP.NET Core Identity's PBKDF2 hasher) and lockout after repeated failures.</summary>
public sealed class PasswordSignIn(SqlDatabase<IdentityDb> database, IPasswordHasher<User> hasher, IdentityServiceOptions options, TimeProvider clock)
{
    // Verified against when the e-mail is unknown, so the answer takes as long as for a known one.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "not-a-password"));

    /// <summary>Sets <paramref name="user"/>'s password.</summary>
    public void SetPassword(User user, string password) => user.PasswordHash = hasher.HashPassword(user, password);

    /// <summary>Checks <paramref name="password"/> for <paramref name="email"/>, counting failures and locking the account.</summary>
    public async Task<(SignInOutcome Outcome, User? User)> CheckAsync(string email, string password, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // No tenant filter: the e-mail address says which tenant the user signs in to.
        User? user;
        await using (var select = connection.CreateCommand($"SELECT {User.Columns} FROM \"users\" WHERE \"NormalizedEmail\" = @email AND \"DeletedAt\" IS NULL")
            .WithParameter("email", User.Normalize(email)))
        {
            user = await select.ReadFirstAsync(User.Read, cancellationToken);
        }
        if (user is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return (SignInOutcome.Failed, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.IsLockedOut(now))
        {
            return (SignInOutcome.LockedOut, user);
        }
        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            // Counted in the database, so concurrent failures all count; the failure that reaches the limit locks.
            await using var fail = connection.CreateCommand(
                """
                UPDATE "users" SET
                    "LockoutEnd" = CASE WHEN "AccessFailedCount" + 1 >= @max THEN @end ELSE "LockoutEnd" END,
                    "AccessFailedCount" = CASE WHEN "AccessFailedCount" + 1 >= @max THEN 0 ELSE "AccessFailedCount" + 1 END
                WHERE "Id" = @id
                RETURNING "AccessFailedCount", "LockoutEnd"
                """).WithParameter("max", options.MaxFailedAccessAttempts).WithParameter("end", now + options.LockoutDuration).WithParameter("id", user.Id);
            await using var reader = await fail.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                user.AccessFailedCount = reader.GetInt32(0);
                user.LockoutEnd = reader.GetNullableDateTime(1);
            }
            return (user.IsLockedOut(now) ? SignInOutcome.LockedOut : SignInOutcome.Failed, user);
        }
        var rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        if (rehash)
        {
            SetPassword(user, password);
        }
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await using var succeed = connection.CreateCommand(
            $"UPDATE \"users\" SET \"AccessFailedCount\" = 0, \"LockoutEnd\" = NULL{(rehash ? ", \"PasswordHash\" = @hash" : "")} WHERE \"Id\" = @id")
            .WithParameter("id", user.Id);
        if (rehash)
        {
            succeed.WithParameter("hash", user.PasswordHash);
        }
        await succeed.ExecuteNonQueryAsync(cancellationToken);
        return (SignInOutcome.Succeeded, user);
    }
}
