using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MagicHub.Gateway.Tests;

public sealed class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_reports_a_down_service_unhealthy_without_failing()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        using var response = await client.GetAsync("/health", Ct);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["calls"]);
        Assert.Equal("Unhealthy", checks["transcription"]);
        Assert.Equal("Healthy", checks["self"]);
    }

    [Fact]
    public void Data_protection_key_ring_is_not_loaded_at_start_but_still_available()
    {
        var services = fixture.Gateway!.Services;

        var hosted = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(h => h.GetType().Name).ToList();

        Assert.Contains("StartupHeapCompaction", hosted);
        Assert.DoesNotContain("DataProtectionHostedService", hosted);
        // Registered by YARP (AddReverseProxy, for session affinity cookies) all the same: a key ring is created on first use.
        Assert.NotNull(services.GetService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
    }

    [Fact]
    public async Task Root_lists_the_platform_and_its_services()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        var info = await client.GetFromJsonAsync<JsonElement>("/", Ct);

        Assert.Equal("MagicHub", info.GetProperty("name").GetString());
        var names = info.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["calls", "transcription"], names);
    }

    [Fact]
    public async Task Requests_under_a_service_prefix_reach_that_service()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        using var saved = await client.PostAsJsonAsync("/calls/save", new { filename = "through-gateway.wav", domain = "banking" }, Ct);
        var callId = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("call_id").GetString();
        var call = await client.GetFromJsonAsync<JsonElement>($"/calls/call/{callId}", Ct);

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal("through-gateway.wav", call.GetProperty("filename").GetString());
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        using var response = await client.GetAsync("/no/such/route", Ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_problem()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        using var response = await client.PostAsync("/calls/save", new StringContent("{\"filename\":", Encoding.UTF8, "application/json"), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_content_type_is_a_415_problem()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        using var response = await client.PostAsync("/calls/save", new StringContent("filename=x", Encoding.UTF8, "text/plain"), Ct);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Missing_required_field_is_a_400_validation_problem()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        using var response = await client.PostAsJsonAsync("/calls/save", new { domain = "banking" }, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("FileName", out _));
    }

    [Fact]
    public async Task Down_service_route_is_a_502_problem_and_the_gateway_stays_up()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        using var response = await client.GetAsync("/transcription/health", Ct);
        using var alive = await client.GetAsync("/alive", Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Docs_list_every_service_document()
    {
        using var client = fixture.Gateway!.CreateLoopbackClient();

        var gatewayDoc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var callsDoc = await client.GetFromJsonAsync<JsonElement>("/calls/openapi/v1.json", Ct);
        var ui = await client.GetStringAsync("/docs/index.html", Ct);

        Assert.True(gatewayDoc.GetProperty("paths").TryGetProperty("/", out _));
        Assert.True(callsDoc.GetProperty("paths").TryGetProperty("/save", out _));
        Assert.Equal("/calls", callsDoc.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Contains("swagger", ui, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("https://magichub.dev/problems/", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        return problem;
    }
}
