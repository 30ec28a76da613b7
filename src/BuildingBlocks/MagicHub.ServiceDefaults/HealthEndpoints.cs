using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MagicHub.ServiceDefaults;

/// <summary>
/// <c>/health</c>: readiness with every check (the service's own dependencies, e.g. its database) as JSON;
/// <c>/alive</c>: liveness, the process answers. Checks tagged <see cref="DownstreamTag"/> (other services,
/// as the gateway has) are reported per entry but only degrade the overall status, so a caller
/// still gets a 200 answer listing which dependency is down.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Tag for checks of other services: their failure degrades but does not fail this service.</summary>
    public const string DownstreamTag = "downstream";

    // Source-generated for the report's shape (no reflection on the first /health during start-up); the reflection
    // resolver stays behind it for the values of checks' Data, which are arbitrary objects.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(HealthReportJson.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Maps <c>/health</c> and <c>/alive</c>.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteReport })
            .DisableHttpMetrics().ExcludeFromDescription();
        endpoints.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = WriteReport,
        }).DisableHttpMetrics().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The overall status: own checks decide; a failing downstream check only degrades.</summary>
    public static HealthStatus OverallStatus(HealthReport report)
    {
        var status = HealthStatus.Healthy;
        foreach (var entry in report.Entries.Values)
        {
            var effective = entry.Tags.Contains(DownstreamTag) && entry.Status == HealthStatus.Unhealthy
                ? HealthStatus.Degraded
                : entry.Status;
            if (effective < status)
            {
                status = effective;
            }
        }
        return status;
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        var status = OverallStatus(report);
        context.Response.StatusCode = status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var body = new HealthReportBody(
            status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            [.. report.Entries.Select(entry => new HealthCheckBody(
                entry.Key,
                entry.Value.Status.ToString(),
                entry.Value.Description ?? entry.Value.Exception?.Message,
                Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                entry.Value.Data.Count == 0 ? null : entry.Value.Data))]);
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json.GetTypeInfo(typeof(HealthReportBody))), context.RequestAborted);
    }
}

/// <summary>The JSON body of <c>/health</c> and <c>/alive</c>.</summary>
internal sealed record HealthReportBody(string Status, double DurationMs, IReadOnlyList<HealthCheckBody> Checks);

/// <summary>One check of <see cref="HealthReportBody"/>.</summary>
internal sealed record HealthCheckBody(string Name, string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object>? Data);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(HealthReportBody))]
internal sealed partial class HealthReportJson : JsonSerializerContext
{
}
