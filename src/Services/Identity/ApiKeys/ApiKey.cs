using System.Data.Common;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.ApiKeys;

/// <summary>A machine client's key of a tenant; the secret is shown once and stored as its SHA-256 hash.</summary>
public sealed class ApiKey : ITenantOwned
{
    /// <summary>Scope that lets a key read the tenant's data.</summary>
    public const string ReadScope = "read";

    /// <summary>Scope that lets a key change the tenant's data.</summary>
    public const string WriteScope = "write";

    /// <summary>Every scope a key can have.</summary>
    public static IReadOnlyList<string> Scopes { get; } = [ReadScope, WriteScope];

    /// <summary>The columns <see cref="Read"/> reads, in its order (<see cref="ScopeText"/> is column <c>Scopes</c>).</summary>
    public const string Columns =
        "\"Id\", \"TenantId\", \"Name\", \"Prefix\", \"KeyHash\", \"Scopes\", \"CreatedBy\", \"CreatedAt\", \"LastUsedAt\", \"RevokedAt\"";

    /// <summary>Inserts a key (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert =
        $"INSERT INTO \"api_keys\" ({Columns}) VALUES (@id, @tenant, @name, @prefix, @hash, @scopes, @by, @created, @used, @revoked)";

    public required string Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string Name { get; set; }
    /// <summary>The first characters of the key, shown in lists so a user can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    /// <summary>Space-separated scopes.</summary>
    public required string ScopeText { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>The <c>sid</c> claim of the tokens this key is exchanged for; what revocation names.</summary>
    public string SessionId => "ak_" + Id;

    /// <summary>The scopes as a list.</summary>
    public IReadOnlyList<string> ScopeList => ScopeText.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The row at the reader's position, selected with <see cref="Columns"/>.</summary>
    public static ApiKey Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        Name = reader.GetString(2),
        Prefix = reader.GetString(3),
        KeyHash = reader.GetString(4),
        ScopeText = reader.GetString(5),
        CreatedBy = reader.GetString(6),
        CreatedAt = reader.GetDateTime(7),
        LastUsedAt = reader.GetNullableDateTime(8),
        RevokedAt = reader.GetNullableDateTime(9),
    };

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("tenant", TenantId)
        .WithParameter("name", Name)
        .WithParameter("prefix", Prefix)
        .WithParameter("hash", KeyHash)
        .WithParameter("scopes", ScopeText)
        .WithParameter("by", CreatedBy)
        .WithParameter("created", CreatedAt)
        .WithParameter("used", LastUsedAt)
        .WithParameter("revoked", RevokedAt);
}
