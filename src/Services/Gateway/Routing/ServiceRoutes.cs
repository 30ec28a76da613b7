using MagicHub.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;

namespace MagicHub.Gateway.Routing;

/// <summary>Builds the YARP routes: <c>/{service}/{**rest}</c> → the service's <c>/{rest}</c>.</summary>
public static class ServiceRoutes
{
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
        return (routes, clusters);
    }
}
