using System.Text.Json.Serialization;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Authentication;
using MagicHub.Security.Revocation;
using MagicHub.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MagicHub.Identity.Keys;

/// <summary>The OpenID discovery document fields services need.</summary>
public sealed record OpenIdConfiguration(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("revocation_list_uri")] string RevocationListUri,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypes);

/// <summary>What services read to validate tokens offline: discovery, JWKS and recent revocations.</summary>
public static class WellKnownApi
{
    /// <summary>Maps <c>/.well-known/*</c>.</summary>
    public static RouteGroupBuilder MapWellKnownApi(this IEndpointRouteBuilder endpoints)
    {
        var wellKnown = endpoints.MapGroup("/.well-known").WithTags("Keys").AllowAnonymous();
        wellKnown.MapGet("/openid-configuration", Discovery).WithSummary("OpenID discovery: issuer and JWKS address.");
        wellKnown.MapGet("/jwks.json", JwksAsync).WithSummary("The public signing keys (current, next and recently retired).");
        wellKnown.MapGet("/revocations", RevocationsAsync).WithSummary("Sessions and API keys revoked while tokens issued to them may be unexpired.");
        return wellKnown;
    }

    private static Ok<OpenIdConfiguration> Discovery(HttpContext http, SecurityOptions security)
    {
        var prefix = http.Request.Headers[ApiDocsExtensions.ForwardedPrefixHeader].FirstOrDefault() ?? "";
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{prefix}{http.Request.PathBase}";
        return TypedResults.Ok(new OpenIdConfiguration(
            security.Issuer, baseUrl + "/.well-known/jwks.json", baseUrl + "/auth/refresh", baseUrl + "/.well-known/revocations",
            [PlatformJwtBearer.Algorithm], ["password", "refresh_token", "api_key"]));
    }

    private static async Task<Ok<JsonWebKeySetDocument>> JwksAsync(SigningKeyStore store, HttpContext http, CancellationToken ct)
    {
        var keys = await store.GetPublishedKeysAsync(ct);
        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new JsonWebKeySetDocument(keys.Select(PublicJsonWebKey.From).ToList()));
    }

    private static async Task<Ok<RevocationDocument>> RevocationsAsync(
        SqlDatabase<IdentityDb> database, IdentityServiceOptions options, SecurityOptions security, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Every tenant's: the list is for services, which check any tenant's tokens.
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand(
            """
            SELECT "Id" FROM "sessions" WHERE "RevokedAt" > @sessions
            UNION ALL
            SELECT 'ak_' || "Id" FROM "api_keys" WHERE "RevokedAt" > @keys
            """)
            .WithParameter("sessions", now - options.AccessTokenLifetime - security.ClockSkew)
            .WithParameter("keys", now - options.ApiKeyTokenLifetime - security.ClockSkew);
        var revoked = await select.ReadAllAsync(r => r.GetString(0), ct);
        return TypedResults.Ok(new RevocationDocument(revoked, clock.GetUtcNow()));
    }
}
