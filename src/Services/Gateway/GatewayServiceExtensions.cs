using MagicHub.Gateway;
using MagicHub.Gateway.Apis;
using MagicHub.Gateway.Health;
using MagicHub.Gateway.Routing;
using MagicHub.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the gateway: routes, downstream health checks and the aggregated docs.</summary>
public static class GatewayServiceExtensions
{
    /// <summary>Adds YARP with one route per configured service, a health check per service and their docs.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var options = GatewayOptions.Read(builder.Configuration);
        var unknown = options.Services.Where(s => !ServiceCatalog.DefaultPorts.ContainsKey(s) || s == "gateway").ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Gateway:Services names unknown services: {string.Join(", ", unknown)}.");
        }
        builder.Services.AddSingleton(options);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));

        var downstream = options.Services
            .Select(name => new DownstreamService(name, ServiceCatalog.ResolveAddress(builder.Configuration, name)))
            .ToList();
        builder.Services.AddSingleton<IReadOnlyList<DownstreamService>>(downstream);

        var (routes, clusters) = ServiceRoutes.Build(downstream);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

        // Health probes must report a dead service at once, not after the standard retries.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(DownstreamHealthCheck.ClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        var health = builder.Services.AddHealthChecks();
        foreach (var service in downstream)
        {
            health.Add(new(service.Name,
                sp => ActivatorUtilities.CreateInstance<DownstreamHealthCheck>(sp, service),
                failureStatus: null, tags: [HealthEndpoints.DownstreamTag], timeout: options.HealthTimeout));
        }

        builder.Services.Configure<ApiDocsOptions>(docs =>
        {
            foreach (var service in downstream)
            {
                docs.Documents.Add(new(service.Name, $"../{service.Name}/openapi/v1.json"));
            }
        });
        return builder;
    }
}
