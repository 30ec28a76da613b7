using System.Text.Json;
using MagicHub.Security.Revocation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MagicHub.Security.Authentication;

/// <summary>How MagicHub services validate access tokens: ES256 only, issuer, audience, lifetime, revocation; successful validations are remembered briefly.</summary>
public static class PlatformJwtBearer
{
    /// <summary>The only signing algorithm accepted; pinning it rules out <c>alg: none</c> and algorithm confusion.</summary>
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>Applies the platform's validation rules to <paramref name="jwt"/>.</summary>
    public static void Configure(JwtBearerOptions jwt, SecurityOptions options, Uri authority)
    {
        jwt.MapInboundClaims = false;
        if (options.TokenValidationCacheDuration > TimeSpan.Zero)
        {
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, options.TokenValidationCacheDuration, TimeProvider.System));
        }
        jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
        jwt.MetadataAddress = new Uri(authority, ".well-known/openid-configuration").ToString();
        jwt.AutomaticRefreshInterval = options.JwksRefreshInterval;
        jwt.RefreshInterval = options.JwksMinimumRefreshInterval;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            ValidAlgorithms = [Algorithm],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = options.ClockSkew,
            NameClaimType = PlatformClaims.Subject,
            RoleClaimType = PlatformClaims.Role,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = RejectRevoked,
            OnChallenge = WriteProblemAsync,
        };
    }

    /// <summary>Fails tokens whose session or API key the identity service has revoked.</summary>
    public static Task RejectRevoked(TokenValidatedContext context)
    {
        var sid = context.Principal?.FindFirst(PlatformClaims.SessionId)?.Value;
        var revoked = context.HttpContext.RequestServices.GetService<RevocationList>();
        if (sid is not null && revoked is not null && revoked.IsRevoked(sid))
        {
            context.Fail("The token's session has been revoked.");
        }
        return Task.CompletedTask;
    }

    /// <summary>Answers a failed or missing authentication with a 401 problem details body.</summary>
    public static Task WriteProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = context.Error is null ? "Bearer" : $"Bearer error=\"{context.Error}\"";
        return WriteUnauthorizedAsync(context.HttpContext, context.AuthenticateFailure is not null);
    }

    /// <summary>Writes a 401 problem details answer; <paramref name="invalid"/> tells a bad credential from a missing one.</summary>
    public static async Task WriteUnauthorizedAsync(HttpContext http, bool invalid)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.ContentType = "application/problem+json";
        var detail = invalid
            ? "The access token or API key is invalid, expired or revoked."
            : "A bearer access token (or, at the gateway, an API key) is required.";
        var problem = new UnauthorizedProblem("https://magichub.dev/problems/unauthorized", "Unauthorized", 401, detail, http.Request.Path.Value);
        await JsonSerializer.SerializeAsync(response.Body, problem, SecurityJsonContext.Default.UnauthorizedProblem, http.RequestAborted);
    }
}

/// <summary>The problem details body of a 401 answer.</summary>
internal sealed record UnauthorizedProblem(string Type, string Title, int Status, string Detail, string? Instance);
