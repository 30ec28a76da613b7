using System.Data.Common;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.Invites;

/// <summary>An invitation for an e-mail address to join a tenant with a role; the token is stored hashed.</summary>
public sealed class Invite : ITenantOwned
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "\"Id\", \"TenantId\", \"Email\", \"Role\", \"TokenHash\", \"InvitedBy\", \"CreatedAt\", \"ExpiresAt\", \"AcceptedAt\"";

    /// <summary>Inserts an invitation (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert =
        $"INSERT INTO \"invites\" ({Columns}) VALUES (@id, @tenant, @email, @role, @hash, @by, @created, @expires, @accepted)";

    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string Email { get; set; }
    public required string Role { get; set; }
    public required string TokenHash { get; set; }
    public required string InvitedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }

    /// <summary>The row at the reader's position, selected with <see cref="Columns"/>.</summary>
    public static Invite Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        Email = reader.GetString(2),
        Role = reader.GetString(3),
        TokenHash = reader.GetString(4),
        InvitedBy = reader.GetString(5),
        CreatedAt = reader.GetDateTime(6),
        ExpiresAt = reader.GetDateTime(7),
        AcceptedAt = reader.GetNullableDateTime(8),
    };

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("tenant", TenantId)
        .WithParameter("email", Email)
        .WithParameter("role", Role)
        .WithParameter("hash", TokenHash)
        .WithParameter("by", InvitedBy)
        .WithParameter("created", CreatedAt)
        .WithParameter("expires", ExpiresAt)
        .WithParameter("accepted", AcceptedAt);
}
