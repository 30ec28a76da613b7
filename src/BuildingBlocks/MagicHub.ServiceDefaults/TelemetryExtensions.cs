using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MagicHub.ServiceDefaults;

/// <summary>OpenTelemetry traces, metrics and logs; OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; Prometheus scraping.</summary>
public static class TelemetryExtensions
{
    /// <summary>Meters whose instruments every service exports (building blocks publish under <c>MagicHub.*</c>).</summary>
    public const string MeterPrefix = "MagicHub.*";

    /// <summary>Adds OpenTelemetry for the service.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var useOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService($"magichub-{serviceName}"))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MeterPrefix)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(MeterPrefix)
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") &&
                    !context.Request.Path.StartsWithSegments("/alive") &&
                    !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation());

        if (useOtlp)
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }
}
