using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace MagicHub.Identity.Tests;

public abstract class ServiceTokenTests(IdentityFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Service_with_the_secret_gets_a_token_for_an_existing_tenant()
    {
        var owner = await fixture.Client.RegisterAsync();

        using var issued = await RequestAsync(IdentityFixture.ServiceSecret, owner.TenantId);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var used = await fixture.Client.SendAsync(HttpMethod.Get, "/sessions", body.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(owner.TenantId, body.GetProperty("tenant_id").GetString());
        Assert.Equal("service:calls", body.GetProperty("subject").GetString());
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
    }

    [Fact]
    public async Task Wrong_secret_is_401_and_unknown_tenant_is_404()
    {
        var owner = await fixture.Client.RegisterAsync();

        using var wrong = await RequestAsync("not-the-secret", owner.TenantId);
        using var missing = await RequestAsync(null, owner.TenantId);
        using var unknown = await RequestAsync(IdentityFixture.ServiceSecret, "no-such-tenant");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<HttpResponseMessage> RequestAsync(string? secret, string tenantId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/service-token")
        {
            Content = JsonContent.Create(new { service = "calls", tenant_id = tenantId }),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Service-Secret", secret);
        }
        return await fixture.Client.Http.SendAsync(request, Ct);
    }
}

public sealed class SqliteServiceTokenTests(IdentityFixture fixture) : ServiceTokenTests(fixture), IClassFixture<IdentityFixture>;

public sealed class PostgresServiceTokenTests(PostgresIdentityFixture fixture) : ServiceTokenTests(fixture), IClassFixture<PostgresIdentityFixture>;
