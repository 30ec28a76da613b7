using MagicHub.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;

namespace MagicHub.Gateway.Routing;

/// <summary>Builds the YARP routes: <c>/{service}/{**rest}</c> → the service's <c>/{rest}</c>.</summary>
public static class ServiceRoutes
{
    /// <summary>Routes kept at the gateway root for seed compatibility, all served by the calls service.</summary>
    public static readonly IReadOnlyList<(string Id, string Path)> PipelineRoutes =
    [
        ("api-transcribe", "/api/transcribe/{**rest}"),
        ("api-calls", "/api/calls/{**rest}"),
    ];

    /// <summary>One route and one cluster per downstream service.</summary>
    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(IEnumerable<DownstreamService> services)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var service in services)
        {
            var prefix = "/" + service.Name;
            routes.Add(new RouteConfig
            {
                RouteId = service.Name,
                ClusterId = service.Name,
                Match = new RouteMatch { Path = prefix + "/{**rest}" },
                Transforms =
                [
                    new Dictionary<string, string> { ["PathRemovePrefix"] = prefix },
                    // Forward the usual X-Forwarded-* headers, but the prefix is the one the gateway removed, set below.
                    new Dictionary<string, string> { ["X-Forwarded"] = "Set", ["Prefix"] = "Off" },
                    new Dictionary<string, string> { ["RequestHeader"] = ApiDocsExtensions.ForwardedPrefixHeader, ["Set"] = prefix },
                ],
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = service.Name,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    [service.Name] = new() { Address = service.Address.ToString() },
                },
            });
        }
        if (services.Any(s => s.Name == "calls"))
        {
            // The seed's pipeline API lives at the gateway root and is served by the calls service as is.
            foreach (var (id, path) in PipelineRoutes)
            {
                routes.Add(new RouteConfig { RouteId = id, ClusterId = "calls", Match = new RouteMatch { Path = path } });
            }
        }
        return (routes, clusters);
    }
}
