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

    /// <summary>
    /// Configuration key of the most attribute combinations kept per metric stream (OpenTelemetry's cardinality limit;
    /// default <see cref="DefaultMetricCardinalityLimit"/>). Combinations beyond it are counted in one overflow series
    /// (<c>otel.metric.overflow=true</c>).
    /// </summary>
    public const string MetricCardinalityLimitKey = "Telemetry:MetricCardinalityLimit";

    /// <summary>
    /// Default of <see cref="MetricCardinalityLimitKey"/>. Each stream allocates its points up front (~144 bytes each):
    /// OpenTelemetry's own default of 2,000 holds ~6 MB per service for combinations no MagicHub metric comes near
    /// (the largest, <c>http.server.request.duration</c>, is routes × methods × status codes).
    /// </summary>
    public const int DefaultMetricCardinalityLimit = 200;

    /// <summary>Adds OpenTelemetry for the service.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var useOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var cardinalityLimit = int.TryParse(builder.Configuration[MetricCardinalityLimitKey], System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? limit : DefaultMetricCardinalityLimit;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService($"magichub-{serviceName}"))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            })
            .WithMetrics(metrics => metrics
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = cardinalityLimit })
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
