using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Prompts.Contracts;
using MagicHub.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MagicHub.Prompts.Tests;

/// <summary>Defence in depth: the service validates tokens itself; reads need a token, changes a writer's token.</summary>
public sealed class AuthenticationTests : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "magichub-prompts-" + Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> factory;

    public AuthenticationTests() => factory = PromptsHost.Create(dataDir);

    [Theory]
    [InlineData("GET", "/domains")]
    [InlineData("GET", "/prompts/banking/card_replacement")]
    [InlineData("POST", "/validate-and-generate")]
    public async Task Request_without_a_token_is_401_problem_details(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new ValidateAndGenerateRequest("banking", "card_replacement"));

        using var response = await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        using var response = await factory.CreateClient().GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Valid_token_reads_the_registry()
    {
        var catalog = await factory.CreateAuthorizedClient().GetFromJsonAsync<DomainCatalog>("/domains", TestContext.Current.CancellationToken);

        Assert.Contains(catalog!.Domains, d => d.Domain == "banking");
    }

    [Fact]
    public async Task Read_only_token_reads_but_may_not_change_prompts()
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.Tokens.Issue(TestAuth.Tenant, role: PlatformRoles.ReadOnly));

        using var read = await http.GetAsync("/prompts/banking/card_replacement", TestContext.Current.CancellationToken);
        using var generate = await http.PostAsJsonAsync("/validate-and-generate", new ValidateAndGenerateRequest("pet_care", "read_only_attempt"), TestContext.Current.CancellationToken);
        using var delete = await http.DeleteAsync("/prompts/banking/card_replacement", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, generate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        using var stillThere = await factory.CreateAuthorizedClient().GetAsync("/prompts/banking/card_replacement", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    // The registry is platform-wide: no route takes a tenant-owned record id. If one appears, it must be added to the
    // gateway's cross-tenant test (GatewaySecurityTests.CrossTenant.cs) and isolated per tenant.
    [Fact]
    public void No_route_takes_a_record_id_the_cross_tenant_test_would_have_to_cover()
    {
        var withIds = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)))
            .Select(e => e.RoutePattern.RawText);

        Assert.Empty(withIds);
        Assert.Contains(factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText == "/prompts/{domain}/{category}");
    }

    public void Dispose()
    {
        factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }
}
