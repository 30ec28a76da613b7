using System.Net.Http.Headers;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Security.Authentication;

/// <summary>
/// Authenticates the service's outgoing HttpClient calls: while handling a request it passes the caller's bearer
/// token on, so the next service validates it and applies the caller's tenant (defence in depth); in background
/// work run under <see cref="TenantContext.BeginScope"/> it sends a service token for that tenant. Requests that
/// already carry an <c>Authorization</c> header are left alone.
/// </summary>
public sealed class ForwardBearerTokenHandler(IHttpContextAccessor accessor, ServiceTokenClient? serviceTokens = null) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && !request.Headers.Contains(ServiceTokenClient.SecretHeader))
        {
            var authorization = accessor.HttpContext?.Request.Headers.Authorization.FirstOrDefault();
            if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", authorization["Bearer ".Length..].Trim());
            }
            else if (accessor.HttpContext is null && TenantContext.ScopedTenantId is { } tenantId && serviceTokens is { IsEnabled: true }
                && await TryGetServiceTokenAsync(serviceTokens, tenantId, cancellationToken) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }

    // An unreachable identity service must not look like a failure of the service being called:
    // the call goes out without a token and that service decides whether it needs one.
    private static async Task<string?> TryGetServiceTokenAsync(ServiceTokenClient serviceTokens, string tenantId, CancellationToken cancellationToken)
    {
        try
        {
            return await serviceTokens.GetTokenAsync(tenantId, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
