namespace MagicHub.Identity.Keys;

/// <summary>An ES256 signing key with the window in which it signs; published in the JWKS a while before and after.</summary>
public sealed class SigningKey
{
    /// <summary>The key id (<c>kid</c>).</summary>
    public required string Id { get; set; }
    /// <summary>The PKCS#8 private key, base64.</summary>
    public required string PrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>From when it signs new tokens.</summary>
    public DateTime ActivatesAt { get; set; }
    /// <summary>From when it no longer signs; it stays published until the last token it signed has expired.</summary>
    public DateTime RetiresAt { get; set; }
}
