using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MagicHub.ServiceDefaults;

namespace MagicHub.Security.Authentication;

/// <summary>
/// Obtains short-lived access tokens for background work of this service on behalf of a tenant, from the identity
/// service's <c>POST /internal/service-token</c> with <see cref="SecurityOptions.ServiceSecret"/>; cached per
/// tenant until shortly before they expire.
/// </summary>
public sealed class ServiceTokenClient(IHttpClientFactory clients, SecurityOptions options, Uri authority, TimeProvider clock, ServiceIdentity? service = null)
{
    /// <summary>Header carrying the service secret.</summary>
    public const string SecretHeader = "X-Service-Secret";

    /// <summary>Name of the HttpClient used.</summary>
    public const string ClientName = "magichub-service-tokens";

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RenewAt)> _tokens = new(StringComparer.Ordinal);

    /// <summary>Whether a service secret is configured.</summary>
    public bool IsEnabled => !string.IsNullOrEmpty(options.ServiceSecret);

    /// <summary>A token of this service for <paramref name="tenantId"/>, or null when disabled or refused.</summary>
    public async Task<string?> GetTokenAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (_tokens.TryGetValue(tenantId, out var cached) && cached.RenewAt > now)
        {
            return cached.Token;
        }
        using var client = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(authority, "internal/service-token"))
        {
            Content = JsonContent.Create(new ServiceTokenRequest(service?.Name ?? "service", tenantId), SecurityJsonContext.Default.ServiceTokenRequest),
        };
        request.Headers.Add(SecretHeader, options.ServiceSecret);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode || await response.Content.ReadFromJsonAsync(SecurityJsonContext.Default.ServiceTokenAnswer, cancellationToken) is not { AccessToken: { } token } answer)
        {
            return null;
        }
        _tokens[tenantId] = (token, now + TimeSpan.FromSeconds(Math.Max(0, answer.ExpiresIn - 60)));
        return token;
    }
}

/// <summary>Body of <c>POST /internal/service-token</c>.</summary>
internal sealed record ServiceTokenRequest(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("tenant_id")] string TenantId);

/// <summary>Answer of <c>POST /internal/service-token</c>.</summary>
internal sealed record ServiceTokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
