using System.Text.Json.Serialization;
using MagicHub.Security.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace MagicHub.Identity.Keys;

/// <summary>A public EC key as published in the JWKS (RFC 7517); never the private part.</summary>
public sealed record PublicJsonWebKey(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("crv")] string Curve,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y)
{
    /// <summary>The public half of <paramref name="key"/>.</summary>
    public static PublicJsonWebKey From(ECDsaSecurityKey key)
    {
        var parameters = key.ECDsa.ExportParameters(includePrivateParameters: false);
        return new("EC", "sig", PlatformJwtBearer.Algorithm, key.KeyId, "P-256",
            WebEncoders.Base64UrlEncode(parameters.Q.X!), WebEncoders.Base64UrlEncode(parameters.Q.Y!));
    }
}

/// <summary>The body of <c>/.well-known/jwks.json</c>.</summary>
public sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<PublicJsonWebKey> Keys);
