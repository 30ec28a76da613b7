using MagicHub.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

// Same namespace as the host builder, like .NET Aspire's ServiceDefaults, so Program.cs needs no using.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one call every MagicHub service makes: health, telemetry, logging, problem details,
/// service discovery with resilience, and OpenAPI.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Adds the platform's shared service defaults.</summary>
    /// <param name="builder">The service's application builder.</param>
    /// <param name="serviceName">The catalog name of the service (e.g. <c>calls</c>); picks its default port and telemetry name.</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        StartupTimeline.AddTo(builder);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = ServiceCatalog.DefaultAddresses() });
        builder.Configuration.AddInMemoryCollection(ServiceCatalog.AliasAddresses());
        builder.Services.AddSingleton(new ServiceIdentity(serviceName));

        UseDefaultPortUnlessConfigured(builder, serviceName);
        builder.AddStructuredLogging();
        builder.AddTelemetry(serviceName);
        builder.AddProblemDetailsForEveryError();
        // Body and parameter binding failures throw, so the problem details handler can name the problem.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks().AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), ["live"]);
        builder.AddApiDocs(serviceName);
        builder.Services.AddHostedService<StartupHeapCompaction>();
        var development = builder.Environment.IsDevelopment();
        builder.Host.UseServiceProviderFactory(new PlatformServiceProviderFactory(
            new ServiceProviderOptions { ValidateScopes = development, ValidateOnBuild = development }));

        builder.Services.AddServiceDiscovery();
        builder.Services.AddTransient<CorrelationIdHandler>();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddHttpMessageHandler<CorrelationIdHandler>();
            http.AddServiceDiscovery();
            http.AddPlatformResilience(builder.Configuration);
        });
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every check), <c>/alive</c> (liveness), <c>/metrics</c> (Prometheus),
    /// <c>/openapi/v1.json</c> and the Swagger UI at <c>/docs</c>, and the error and correlation middleware.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        StartupTimeline.UseIn(app);
        app.UseCorrelationId();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapApiDocs();
        return app;
    }

    private static void UseDefaultPortUnlessConfigured(WebApplicationBuilder builder, string serviceName)
    {
        var configured = builder.Configuration["urls"] ?? builder.Configuration["http_ports"] ?? builder.Configuration["ASPNETCORE_URLS"];
        if (string.IsNullOrWhiteSpace(configured) && ServiceCatalog.DefaultPorts.TryGetValue(serviceName, out var port))
        {
            builder.WebHost.UseUrls($"http://localhost:{port}");
        }
    }
}
