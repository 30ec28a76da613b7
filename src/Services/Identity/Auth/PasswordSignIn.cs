using MagicHub.Identity.Data;
using MagicHub.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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
public sealed class PasswordSignIn(IdentityDb db, IPasswordHasher<User> hasher, IdentityServiceOptions options, TimeProvider clock)
{
    // Verified against when the e-mail is unknown, so the answer takes as long as for a known one.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "not-a-password"));

    /// <summary>Sets <paramref name="user"/>'s password.</summary>
    public void SetPassword(User user, string password) => user.PasswordHash = hasher.HashPassword(user, password);

    /// <summary>Checks <paramref name="password"/> for <paramref name="email"/>, counting failures and locking the account.</summary>
    public async Task<(SignInOutcome Outcome, User? User)> CheckAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(email);
        var user = await db.Users.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeletedAt == null, cancellationToken);
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
            user.AccessFailedCount++;
            var locked = user.AccessFailedCount >= options.MaxFailedAccessAttempts;
            if (locked)
            {
                user.LockoutEnd = now + options.LockoutDuration;
                user.AccessFailedCount = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            return (locked ? SignInOutcome.LockedOut : SignInOutcome.Failed, user);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            SetPassword(user, password);
        }
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await db.SaveChangesAsync(cancellationToken);
        return (SignInOutcome.Succeeded, user);
    }
}
