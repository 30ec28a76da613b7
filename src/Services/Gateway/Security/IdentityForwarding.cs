using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace MagicHub.Gateway.Security;

/// <summary>
/// Forwards the caller's identity to services as a bearer token: a JWT is passed on unchanged; an API key is
/// replaced by the access token the identity service exchanged it for. API keys never reach the services.
/// </summary>
public sealed class IdentityForwarding : ITransformProvider
{
    /// <inheritdoc />
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    /// <inheritdoc />
    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    /// <inheritdoc />
    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        var headers = transform.ProxyRequest.Headers;
        headers.Remove(ApiKeyAuthenticationHandler.HeaderName);
        if (transform.HttpContext.Items[ApiKeyAuthenticationHandler.ForwardTokenItem] is string token)
        {
            headers.Remove("Authorization");
            headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }
        return ValueTask.CompletedTask;
    });
}
