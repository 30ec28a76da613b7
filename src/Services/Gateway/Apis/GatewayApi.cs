using MagicHub.Gateway.Routing;

namespace MagicHub.Gateway.Apis;

/// <summary>The gateway's own endpoints.</summary>
public static class GatewayApi
{
    /// <summary>What <c>GET /</c> returns: the platform's name, version and services.</summary>
    /// <param name="Name">Platform name.</param>
    /// <param name="Version">Platform version.</param>
    /// <param name="Services">Each routed service with its gateway path and its own address.</param>
    /// <param name="Docs">Where the aggregated API docs are.</param>
    public sealed record PlatformInfo(string Name, string Version, IReadOnlyList<ServiceInfo> Services, string Docs);

    /// <summary>A routed service.</summary>
    /// <param name="Name">Catalog name.</param>
    /// <param name="Path">Its prefix at the gateway.</param>
    /// <param name="Url">Its own base address.</param>
    public sealed record ServiceInfo(string Name, string Path, string Url);

    /// <summary>Maps <c>GET /</c>.</summary>
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", GetPlatformInfo)
            .WithName("GetPlatformInfo")
            .WithSummary("Platform name, version and the services behind the gateway.")
            .WithTags("Gateway");
        return endpoints;
    }

    private static PlatformInfo GetPlatformInfo(IReadOnlyList<DownstreamService> services) => new(
        "MagicHub",
        typeof(GatewayApi).Assembly.GetName().Version?.ToString(3) ?? "0.1.0",
        services.Select(s => new ServiceInfo(s.Name, "/" + s.Name, s.Address.ToString())).ToList(),
        "/docs");
}
