using System.Data.Common;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.Users;

/// <summary>A person who signs in to one tenant with a role there.</summary>
public sealed class User : ITenantOwned
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "\"Id\", \"TenantId\", \"Email\", \"NormalizedEmail\", \"DisplayName\", \"Role\", \"PasswordHash\", \"AccessFailedCount\", \"LockoutEnd\", \"CreatedAt\", \"UpdatedAt\", \"DeletedAt\"";

    /// <summary>Inserts a user (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert =
        $"INSERT INTO \"users\" ({Columns}) VALUES (@id, @tenant, @email, @normalized, @name, @role, @hash, @failed, @lockout, @created, @updated, @deleted)";

    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string Email { get; set; }
    /// <summary>Upper-case e-mail for lookups; unique across the platform.</summary>
    public required string NormalizedEmail { get; set; }
    public string DisplayName { get; set; } = "";
    public required string Role { get; set; }
    public string PasswordHash { get; set; } = "";
    public int AccessFailedCount { get; set; }
    public DateTime? LockoutEnd { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when the user is deleted; the row stays so that its sessions stay revoked.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Normalizes an e-mail address for lookups.</summary>
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>Whether any user of any tenant, deleted ones included, has the normalized e-mail address.</summary>
    public static async Task<bool> EmailTakenAsync(DbConnection connection, string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand("SELECT 1 FROM \"users\" WHERE \"NormalizedEmail\" = @email").WithParameter("email", normalizedEmail);
        return await select.AnyAsync(cancellationToken);
    }

    /// <summary>Whether the account is locked at <paramref name="now"/>.</summary>
    public bool IsLockedOut(DateTime now) => LockoutEnd is { } end && end > now;

    /// <summary>The row at the reader's position, selected with <see cref="Columns"/>.</summary>
    public static User Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        Email = reader.GetString(2),
        NormalizedEmail = reader.GetString(3),
        DisplayName = reader.GetString(4),
        Role = reader.GetString(5),
        PasswordHash = reader.GetString(6),
        AccessFailedCount = reader.GetInt32(7),
        LockoutEnd = reader.GetNullableDateTime(8),
        CreatedAt = reader.GetDateTime(9),
        UpdatedAt = reader.GetDateTime(10),
        DeletedAt = reader.GetNullableDateTime(11),
    };

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("tenant", TenantId)
        .WithParameter("email", Email)
        .WithParameter("normalized", NormalizedEmail)
        .WithParameter("name", DisplayName)
        .WithParameter("role", Role)
        .WithParameter("hash", PasswordHash)
        .WithParameter("failed", AccessFailedCount)
        .WithParameter("lockout", LockoutEnd)
        .WithParameter("created", CreatedAt)
        .WithParameter("updated", UpdatedAt)
        .WithParameter("deleted", DeletedAt);
}
