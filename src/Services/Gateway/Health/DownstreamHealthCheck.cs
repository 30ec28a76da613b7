using MagicHub.Gateway.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MagicHub.Gateway.Health;

/// <summary>Asks one downstream service's <c>/health</c>; unreachable, slow or unhealthy is reported as unhealthy.</summary>
public sealed class DownstreamHealthCheck(IHttpClientFactory clients, DownstreamService service) : IHealthCheck
{
    /// <summary>Name of the HttpClient used, without retries so a dead service is reported at once.</summary>
    public const string ClientName = "downstream-health";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["url"] = service.Address.ToString() };
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(new Uri(service.Address, "health"), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{service.Name} is healthy", data)
                : HealthCheckResult.Unhealthy($"{service.Name} answered {(int)response.StatusCode}", data: data);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{service.Name} is unreachable: {ex.Message}", data: data);
        }
    }
}
