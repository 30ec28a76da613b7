using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;

namespace MagicHub.Gateway.Security;

/// <summary>
/// Exchanges API keys for access tokens at the identity service (<c>POST /auth/api-key/token</c>) and caches the
/// answer, keyed by the key's hash, for <see cref="GatewaySecurityOptions.ApiKeyCacheDuration"/> (never past the
/// token's own expiry). Refusals are cached as briefly, so a flood of bad keys does not reach the identity service.
/// </summary>
public sealed partial class ApiKeyExchange(
    IHttpClientFactory clients, IMemoryCache cache, GatewaySecurityOptions options, TimeProvider clock, ILogger<ApiKeyExchange> logger)
{
    /// <summary>Name of the HttpClient to the identity service.</summary>
    public const string ClientName = "identity-api-keys";

    /// <summary>The access token for <paramref name="apiKey"/>, or null when the identity service refuses the key.</summary>
    public async Task<string?> ExchangeAsync(string apiKey, CancellationToken cancellationToken)
    {
        var cacheKey = "apikey:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        if (cache.TryGetValue(cacheKey, out CachedToken? cached) && cached is not null)
        {
            return cached.Token;
        }
        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync("auth/api-key/token", new ApiKeyTokenRequest(apiKey), GatewayJsonContext.Default.ApiKeyTokenRequest, cancellationToken);
        CachedToken entry;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
        {
            entry = new CachedToken(null);
        }
        else if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync(GatewayJsonContext.Default.ApiKeyTokenAnswer, cancellationToken) is { AccessToken: { } token } answer)
        {
            entry = new CachedToken(token);
            var lifetime = TimeSpan.FromSeconds(Math.Max(0, answer.ExpiresIn - 30));
            if (lifetime < options.ApiKeyCacheDuration)
            {
                return Cache(cacheKey, entry, lifetime);
            }
        }
        else
        {
            LogExchangeFailed(logger, (int)response.StatusCode);
            return null;
        }
        return Cache(cacheKey, entry, options.ApiKeyCacheDuration);
    }

    private string? Cache(string key, CachedToken entry, TimeSpan duration)
    {
        if (duration > TimeSpan.Zero)
        {
            cache.Set(key, entry, clock.GetUtcNow() + duration);
        }
        return entry.Token;
    }

    [LoggerMessage(LogLevel.Warning, "The identity service answered {Status} to an API key exchange")]
    private static partial void LogExchangeFailed(ILogger logger, int status);

    private sealed record CachedToken(string? Token);
}

/// <summary>Body of the identity service's <c>POST /auth/api-key/token</c>.</summary>
internal sealed record ApiKeyTokenRequest([property: JsonPropertyName("api_key")] string ApiKey);

/// <summary>Answer of the identity service's <c>POST /auth/api-key/token</c>.</summary>
internal sealed record ApiKeyTokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
