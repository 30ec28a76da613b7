using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace MagicHub.Identity.Auth;

/// <summary>High-entropy opaque secrets (refresh tokens, API keys, invite tokens) and their stored hashes.</summary>
public static class Secrets
{
    /// <summary>A new random secret: <paramref name="prefix"/> + 32 random bytes, base64url.</summary>
    public static string New(string prefix = "") => prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 hex of <paramref name="secret"/>; a plain hash suffices for 256-bit random secrets.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new identifier.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}
