using MagicHub.ServiceDefaults;
using MagicHub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>The service defaults' metric cardinality limit (<c>Telemetry:MetricCardinalityLimit</c>) reaches OpenTelemetry.</summary>
public sealed class MetricCardinalityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, false)]
    [InlineData("2", true)]
    public async Task Request_metrics_beyond_the_limit_go_to_the_overflow_series(string? limit, bool overflows)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (limit is not null)
        {
            builder.Configuration[TelemetryExtensions.MetricCardinalityLimitKey] = limit;
        }
        builder.AddServiceDefaults("gateway");
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        foreach (var route in new[] { "/a", "/b", "/c", "/d" })
        {
            app.MapGet(route, () => "ok");
        }
        using var http = new HttpClient { BaseAddress = new Uri(await app.StartOnLoopbackAsync(Ct)) };

        foreach (var route in new[] { "/a", "/b", "/c", "/d" })
        {
            (await http.GetAsync(route, Ct)).EnsureSuccessStatusCode();
        }
        var metrics = await http.GetStringAsync("/metrics", Ct);

        Assert.Contains("http_server_request_duration", metrics);
        Assert.Equal(overflows, metrics.Contains("otel_metric_overflow=\"true\"", StringComparison.Ordinal));
    }
}
