using System.Security.Claims;
using System.Security.Cryptography;
using MagicHub.Security.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MagicHub.Security.Testing;

/// <summary>
/// Test helper: an in-memory ES256 signing key that a service under test trusts instead of the identity
/// service's JWKS, and tokens for any tenant, user and role signed with it.
/// </summary>
public sealed class TestTokens : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The signing key.</summary>
    public ECDsaSecurityKey SigningKey { get; }

    /// <summary>Issuer and audience of the tokens (the defaults of <see cref="SecurityOptions"/>).</summary>
    public SecurityOptions Options { get; }

    /// <summary>Creates a key with id <paramref name="keyId"/>.</summary>
    public TestTokens(SecurityOptions? options = null, string keyId = "test-key")
    {
        Options = options ?? new SecurityOptions();
        SigningKey = new ECDsaSecurityKey(_key) { KeyId = keyId };
    }

    /// <summary>Makes the service's JWT bearer validation trust <see cref="SigningKey"/> only, without any JWKS request.</summary>
    public void Trust(IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Options.Issuer };
            configuration.SigningKeys.Add(SigningKey);
            jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        });

    /// <summary>
    /// Makes the service's JWT bearer validation trust <see cref="SigningKey"/> in addition to the identity service's
    /// JWKS (for tests that run the real identity service, e.g. for service tokens, next to test-issued user tokens).
    /// </summary>
    public void TrustAlongsideIdentity(IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            jwt.TokenValidationParameters.IssuerSigningKeys = [.. jwt.TokenValidationParameters.IssuerSigningKeys ?? [], SigningKey]);

    /// <summary>An access token of <paramref name="userId"/> in <paramref name="tenantId"/>.</summary>
    public string Issue(string tenantId, string userId = "user-1", string role = PlatformRoles.Owner, TimeSpan? lifetime = null, string? sessionId = null) =>
        Issue([
            new(PlatformClaims.Subject, userId), new(PlatformClaims.TenantId, tenantId), new(PlatformClaims.Role, role),
            new(PlatformClaims.SessionId, sessionId ?? Guid.NewGuid().ToString()), new(PlatformClaims.Kind, "user"),
        ], lifetime ?? TimeSpan.FromMinutes(5));

    /// <summary>A token with exactly <paramref name="claims"/>, issued now, or already expired when <paramref name="lifetime"/> is negative.</summary>
    public string Issue(IEnumerable<Claim> claims, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        var notBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(10) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Options.Issuer,
            Audience = Options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SigningKey, PlatformJwtBearer.Algorithm),
        });
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
