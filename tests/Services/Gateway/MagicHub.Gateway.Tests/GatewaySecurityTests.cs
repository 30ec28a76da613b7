using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Security.Testing;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>Authentication through the real chain: gateway → identity / calls, tokens validated by every hop.</summary>
public sealed partial class GatewaySecurityTests(SecurePlatformFixture fixture) : IClassFixture<SecurePlatformFixture>
{
    private static readonly string[] WriteScope = ["read", "write"];
    private static readonly string[] ReadScope = ["read"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlatformClient Client() => new(fixture.Gateway!.CreateLoopbackClient());

    [Fact]
    public async Task Without_credentials_only_the_public_routes_answer()
    {
        var client = Client();

        using var stats = await client.SendAsync(HttpMethod.Get, "/calls/stats", null);
        using var users = await client.SendAsync(HttpMethod.Get, "/identity/users", null);
        using var jwks = await client.SendAsync(HttpMethod.Get, "/identity/.well-known/jwks.json", null);
        using var login = await client.SendAsync(HttpMethod.Post, "/identity/auth/login", null, new { email = "nobody@example.com", password = "whatever-1" });
        using var health = await client.SendAsync(HttpMethod.Get, "/health", null);
        using var docs = await client.SendAsync(HttpMethod.Get, "/calls/openapi/v1.json", null);

        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
        Assert.Equal("application/problem+json", stats.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, users.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.EndsWith("invalid-credentials", (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task User_token_from_identity_is_validated_offline_by_calls()
    {
        var client = Client();
        var owner = await client.RegisterAsync();

        var callId = await client.SaveCallAsync(owner);
        using var call = await client.SendAsync(HttpMethod.Get, $"/calls/call/{callId}", owner);

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task Request_that_bypasses_the_gateway_needs_a_valid_token_too()
    {
        var owner = await Client().RegisterAsync();
        using var foreignKey = new TestTokens();
        var direct = new PlatformClient(fixture.Calls!.CreateLoopbackClient());

        using var anonymous = await direct.SendAsync(HttpMethod.Get, "/stats", null);
        using var forged = await direct.SendAsync(HttpMethod.Get, "/stats", foreignKey.Issue(owner.TenantId), null);
        using var apiKeyOnly = await direct.SendAsync(HttpMethod.Get, "/stats", null, "mhk_not-a-token");
        using var valid = await direct.SendAsync(HttpMethod.Get, "/stats", owner);
        using var health = await direct.SendAsync(HttpMethod.Get, "/health", null);
        using var alive = await direct.SendAsync(HttpMethod.Get, "/alive", null);
        using var metrics = await direct.SendAsync(HttpMethod.Get, "/metrics", null);
        using var docs = await direct.SendAsync(HttpMethod.Get, "/docs/index.html", null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiKeyOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task Api_key_is_exchanged_at_the_gateway_and_reaches_calls_as_a_bearer_token()
    {
        var client = Client();
        var owner = await client.RegisterAsync();
        var (_, key) = await client.CreateApiKeyAsync(owner, WriteScope);

        using var saved = await client.SendAsync(HttpMethod.Post, "/calls/save", null, key, new { filename = "machine.wav" });
        var callId = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("call_id").GetGuid();
        using var ownerReads = await client.SendAsync(HttpMethod.Get, $"/calls/call/{callId}", owner);
        using var viaAuthorizationHeader = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/calls/stats")
        {
            Headers = { { "Authorization", "ApiKey " + key } },
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerReads.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaAuthorizationHeader.StatusCode);
    }

    [Fact]
    public async Task Revoked_api_key_is_401_at_the_gateway()
    {
        var client = Client();
        var owner = await client.RegisterAsync();
        var (id, key) = await client.CreateApiKeyAsync(owner, ReadScope);
        using var before = await client.SendAsync(HttpMethod.Get, "/calls/stats", null, key);

        using var revoke = await client.SendAsync(HttpMethod.Delete, $"/identity/api-keys/{id}", owner);
        using var after = await client.SendAsync(HttpMethod.Get, "/calls/stats", null, key);
        using var unknown = await client.SendAsync(HttpMethod.Get, "/calls/stats", null, "mhk_never-issued");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Read_only_api_key_and_user_cannot_write()
    {
        var client = Client();
        var owner = await client.RegisterAsync();
        var (_, key) = await client.CreateApiKeyAsync(owner, ReadScope);
        var reader = await client.AddUserAsync(owner, "read-only");

        using var byKey = await client.SendAsync(HttpMethod.Post, "/calls/save", null, key, new { filename = "x.wav" });
        using var byUser = await client.SendAsync(HttpMethod.Post, "/calls/save", reader, new { filename = "x.wav" });
        using var read = await client.SendAsync(HttpMethod.Get, "/calls/stats", reader);

        Assert.Equal(HttpStatusCode.Forbidden, byKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Deleted_users_token_is_401_at_the_gateway_and_at_the_service()
    {
        var client = Client();
        var owner = await client.RegisterAsync();
        var member = await client.AddUserAsync(owner, "member");
        using var before = await client.SendAsync(HttpMethod.Get, "/calls/stats", member);

        using var deleted = await client.SendAsync(HttpMethod.Delete, $"/identity/users/{member.UserId}", owner);
        var viaGateway = await EventuallyAsync(() => client.SendAsync(HttpMethod.Get, "/calls/stats", member));
        var direct = new PlatformClient(fixture.Calls!.CreateLoopbackClient());
        var atService = await EventuallyAsync(() => direct.SendAsync(HttpMethod.Get, "/stats", member));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, viaGateway);
        Assert.Equal(HttpStatusCode.Unauthorized, atService);
    }

    // Revocations reach services through a poll (200 ms here); wait a bounded time for it.
    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpResponseMessage>> send)
    {
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 50 && status != HttpStatusCode.Unauthorized; attempt++)
        {
            using var response = await send();
            status = response.StatusCode;
            if (status != HttpStatusCode.Unauthorized)
            {
                await Task.Delay(100, Ct);
            }
        }
        return status;
    }
}
