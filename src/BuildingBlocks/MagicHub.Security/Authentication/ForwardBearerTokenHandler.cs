using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Security.Authentication;

/// <summary>
/// Passes the caller's bearer token on to other services called while handling a request, so each of them can
/// validate it and apply the caller's tenant (defence in depth). Requests that already carry an
/// <c>Authorization</c> header, and calls made outside a request, are left alone.
/// </summary>
public sealed class ForwardBearerTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authorization = accessor.HttpContext?.Request.Headers.Authorization.FirstOrDefault();
        if (request.Headers.Authorization is null && authorization is not null
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", authorization["Bearer ".Length..].Trim());
        }
        return base.SendAsync(request, cancellationToken);
    }
}
