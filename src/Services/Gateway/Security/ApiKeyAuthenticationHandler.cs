using System.Security.Claims;
using System.Text.Encodings.Web;
using MagicHub.Security;
using MagicHub.Security.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MagicHub.Gateway.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c> (or <c>Authorization: ApiKey …</c>) by exchanging the key at the identity service
/// for a short-lived access token (cached briefly); the gateway forwards that token, so services only ever see JWTs.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyExchange exchange)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Where the exchanged access token is kept for forwarding.</summary>
    public const string ForwardTokenItem = "magichub:forward-token";

    /// <summary>The key sent with the request, if any.</summary>
    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers[HeaderName].FirstOrDefault() is { Length: > 0 } key)
        {
            return key.Trim();
        }
        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase)
            ? authorization["ApiKey ".Length..].Trim()
            : null;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }
        var token = await exchange.ExchangeAsync(key, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        var jwt = new JsonWebToken(token);
        var identity = new ClaimsIdentity(jwt.Claims, SchemeName, PlatformClaims.Subject, PlatformClaims.Role);
        Context.Items[ForwardTokenItem] = token;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "ApiKey";
        return PlatformJwtBearer.WriteUnauthorizedAsync(Context, invalid: true);
    }
}
