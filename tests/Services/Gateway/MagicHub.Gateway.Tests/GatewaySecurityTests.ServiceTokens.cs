using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Security.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MagicHub.Gateway.Tests;

public sealed partial class GatewaySecurityTests
{
    [Fact]
    public async Task Background_work_for_a_tenant_calls_services_with_a_service_token()
    {
        var client = Client();
        var owner = await client.RegisterAsync();
        await client.SaveCallAsync(owner);
        var clients = fixture.Calls!.Services.GetRequiredService<IHttpClientFactory>();
        var stats = new Uri(fixture.Calls.BaseAddress, "stats");

        HttpStatusCode withoutTenant;
        using (var http = clients.CreateClient())
        using (var response = await http.GetAsync(stats, Ct))
        {
            withoutTenant = response.StatusCode;
        }
        JsonElement tenantStats;
        using (TenantContext.BeginScope(owner.TenantId))
        using (var http = clients.CreateClient())
        {
            tenantStats = await http.GetFromJsonAsync<JsonElement>(stats, Ct);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, withoutTenant);
        Assert.Equal(1, tenantStats.GetProperty("tables").GetProperty("general").GetInt32());
    }

    [Fact]
    public async Task Internal_routes_are_not_reachable_through_the_gateway()
    {
        using var response = await Client().Http.PostAsJsonAsync("/identity/internal/service-token",
            new { service = "calls", tenant_id = "x" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
