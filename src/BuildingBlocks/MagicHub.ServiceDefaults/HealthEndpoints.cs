using System.Text.Json;
using System.Text.Json.Serialization;
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
                DataBody(entry.Value.Data)))]);
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJsonContext.Default.HealthReportBody), context.RequestAborted);
    }

    /// <summary>A check's data, with values of types the source-generated context does not know written as text.</summary>
    private static Dictionary<string, object?>? DataBody(IReadOnlyDictionary<string, object> data) =>
        data.Count == 0 ? null : data.ToDictionary(
            pair => pair.Key,
            pair => pair.Value is string or int or long or double or bool ? pair.Value : pair.Value?.ToString());
}

/// <summary>The JSON body of <c>/health</c> and <c>/alive</c>.</summary>
internal sealed record HealthReportBody(string Status, double DurationMs, IReadOnlyList<HealthCheckBody> Checks);

/// <summary>One check of a health report; <c>data</c> values are the checks' own (strings and numbers).</summary>
internal sealed record HealthCheckBody(string Name, string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object?>? Data);

/// <summary>Source-generated serialization of the health report (no reflection, so it works trimmed and Native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(HealthReportBody))]
// Runtime types a check may put in its data dictionary (serialized as object).
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
