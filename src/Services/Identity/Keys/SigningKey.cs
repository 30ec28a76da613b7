using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Identity.Keys;

/// <summary>An ES256 signing key with the window in which it signs; published in the JWKS a while before and after.</summary>
public sealed class SigningKey
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = "\"Id\", \"PrivateKey\", \"CreatedAt\", \"ActivatesAt\", \"RetiresAt\"";

    /// <summary>Inserts a key (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert = $"INSERT INTO \"signing_keys\" ({Columns}) VALUES (@id, @key, @created, @activates, @retires)";

    /// <summary>The key id (<c>kid</c>).</summary>
    public required string Id { get; set; }
    /// <summary>The PKCS#8 private key, base64.</summary>
    public required string PrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>From when it signs new tokens.</summary>
    public DateTime ActivatesAt { get; set; }
    /// <summary>From when it no longer signs; it stays published until the last token it signed has expired.</summary>
    public DateTime RetiresAt { get; set; }

    /// <summary>The row at the reader's position, selected with <see cref="Columns"/>.</summary>
    public static SigningKey Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        PrivateKey = reader.GetString(1),
        CreatedAt = reader.GetDateTime(2),
        ActivatesAt = reader.GetDateTime(3),
        RetiresAt = reader.GetDateTime(4),
    };

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("key", PrivateKey)
        .WithParameter("created", CreatedAt)
        .WithParameter("activates", ActivatesAt)
        .WithParameter("retires", RetiresAt);
}
