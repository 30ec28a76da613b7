using System.Data.Common;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.Sessions;

/// <summary>One sign-in of a user: the family of refresh tokens that rotate from it.</summary>
public sealed class Session : ITenantOwned
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "\"Id\", \"TenantId\", \"UserId\", \"UserAgent\", \"IpAddress\", \"CreatedAt\", \"LastUsedAt\", \"RevokedAt\", \"RevokedReason\"";

    /// <summary>Inserts a session (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert =
        $"INSERT INTO \"sessions\" ({Columns}) VALUES (@id, @tenant, @user, @agent, @ip, @created, @used, @revoked, @reason)";

    /// <summary>
    /// Revokes the sessions the appended condition selects, keeping the time and reason of those revoked already
    /// (what <c>Revoke</c> did); takes <c>@now</c> and <c>@reason</c>.
    /// </summary>
    public const string Revoke =
        "UPDATE \"sessions\" SET \"RevokedReason\" = CASE WHEN \"RevokedAt\" IS NULL THEN @reason ELSE \"RevokedReason\" END, \"RevokedAt\" = COALESCE(\"RevokedAt\", @now) WHERE ";

    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string UserId { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    /// <summary>The row at the reader's position, selected with <see cref="Columns"/>.</summary>
    public static Session Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        UserId = reader.GetString(2),
        UserAgent = reader.GetNullableString(3),
        IpAddress = reader.GetNullableString(4),
        CreatedAt = reader.GetDateTime(5),
        LastUsedAt = reader.GetDateTime(6),
        RevokedAt = reader.GetNullableDateTime(7),
        RevokedReason = reader.GetNullableString(8),
    };

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("tenant", TenantId)
        .WithParameter("user", UserId)
        .WithParameter("agent", UserAgent)
        .WithParameter("ip", IpAddress)
        .WithParameter("created", CreatedAt)
        .WithParameter("used", LastUsedAt)
        .WithParameter("revoked", RevokedAt)
        .WithParameter("reason", RevokedReason);

    /// <summary>
    /// Revokes the sessions matching <paramref name="condition"/>, which uses <paramref name="parameters"/>, of the caller's
    /// tenant (of any tenant when <paramref name="tenant"/> is null, for paths that run before a tenant is known);
    /// the number of sessions matched (revoked now or before).
    /// </summary>
    public static async Task<int> RevokeAsync(DbConnection connection, DbTransaction? transaction, ITenantContext? tenant, DateTime now, string reason,
        string condition, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var revoke = connection.CreateCommand(Revoke + (tenant is null ? "" : "\"TenantId\" = @tenant AND ") + condition, transaction)
            .WithParameter("now", now).WithParameter("reason", reason);
        if (tenant is not null)
        {
            revoke.WithTenant(tenant);
        }
        foreach (var (name, value) in parameters)
        {
            revoke.WithParameter(name, value);
        }
        return await revoke.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>An opaque refresh token, stored as its SHA-256 hash; usable once.</summary>
public sealed class RefreshToken : ITenantOwned
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "\"Id\", \"TenantId\", \"SessionId\", \"TokenHash\", \"CreatedAt\", \"ExpiresAt\", \"ConsumedAt\"";

    /// <summary>Inserts a refresh token (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert =
        $"INSERT INTO \"refresh_tokens\" ({Columns}) VALUES (@id, @tenant, @session, @hash, @created, @expires, @consumed)";

    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string SessionId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// <summary>When it was exchanged; a second exchange is reuse and revokes the session.</summary>
    public DateTime? ConsumedAt { get; set; }

    /// <summary>The row at the reader's position, selected with <see cref="Columns"/>.</summary>
    public static RefreshToken Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        SessionId = reader.GetString(2),
        TokenHash = reader.GetString(3),
        CreatedAt = reader.GetDateTime(4),
        ExpiresAt = reader.GetDateTime(5),
        ConsumedAt = reader.GetNullableDateTime(6),
    };

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("tenant", TenantId)
        .WithParameter("session", SessionId)
        .WithParameter("hash", TokenHash)
        .WithParameter("created", CreatedAt)
        .WithParameter("expires", ExpiresAt)
        .WithParameter("consumed", ConsumedAt);
}
