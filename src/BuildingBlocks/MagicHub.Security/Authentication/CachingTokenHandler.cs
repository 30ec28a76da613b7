using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace MagicHub.Security.Authentication;

/// <summary>
/// Remembers the tokens <paramref name="inner"/> validated, so a caller's next requests with the same token skip the
/// ES256 signature check and the parsing. A remembered token is accepted again only until its own expiry (or for
/// <paramref name="duration"/>, if shorter) and while the key that signed it is still among the trusted signing keys;
/// a refresh of the JWKS replaces the key objects, so every token is checked in full again after one. Revocation is
/// not remembered: <see cref="PlatformJwtBearer.RejectRevoked"/> runs on every request, cached or not.
/// </summary>
/// <param name="inner">The handler that really validates.</param>
/// <param name="duration">Longest time a validation is remembered.</param>
/// <param name="clock">The clock expiries are read against.</param>
public sealed class CachingTokenHandler(TokenHandler inner, TimeSpan duration, TimeProvider clock) : TokenHandler
{
    /// <summary>Most tokens remembered; when full, the cache starts over (a token costs a few kB).</summary>
    public const int Capacity = 1000;

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.TryGetValue(token, out var hit) && clock.GetUtcNow() < hit.Until
            && await IsTrustedAsync(hit.Token.SigningKey, validationParameters))
        {
            return new TokenValidationResult { IsValid = true, SecurityToken = hit.Token, Issuer = hit.Token.Issuer, ClaimsIdentity = Copy(hit.Identity) };
        }
        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, SecurityToken: { SigningKey: not null } validated, ClaimsIdentity: { } identity })
        {
            var until = new DateTimeOffset(validated.ValidTo, TimeSpan.Zero);
            until = Min(until, clock.GetUtcNow() + duration);
            if (_validated.Count >= Capacity)
            {
                _validated.Clear();
            }
            _validated[token] = new Validated(validated, Copy(identity), until);
        }
        return result;
    }

    /// <inheritdoc />
    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    private static async Task<bool> IsTrustedAsync(SecurityKey key, TokenValidationParameters parameters)
    {
        if (key == parameters.IssuerSigningKey || parameters.IssuerSigningKeys?.Contains(key) == true)
        {
            return true;
        }
        // The configuration manager caches the JWKS; this reads the current copy (and starts a due refresh, as validation would).
        var configuration = parameters.ConfigurationManager is { } manager ? await manager.GetBaseConfigurationAsync(CancellationToken.None) : null;
        return configuration?.SigningKeys.Contains(key) == true;
    }

    // Each request gets its own identity: whatever a request adds to its principal must not reach the next one.
    private static ClaimsIdentity Copy(ClaimsIdentity identity) =>
        identity is CaseSensitiveClaimsIdentity ? new CaseSensitiveClaimsIdentity(identity) : identity.Clone();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Validated(SecurityToken Token, ClaimsIdentity Identity, DateTimeOffset Until);
}
