using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MagicHub.Identity.Data;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Identity.Tests;

public sealed class TokenSecurityTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tampered_signature_is_401()
    {
        var owner = await fixture.Client.RegisterAsync();
        var parts = owner.AccessToken.Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'x' ? 'y' : 'x';

        using var me = await fixture.Client.SendAsync(HttpMethod.Get, "/me", $"{parts[0]}.{parts[1]}.{new string(signature)}");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Payload_changed_to_another_role_is_401()
    {
        var member = await fixture.Client.AddUserAsync(await fixture.Client.RegisterAsync(), "member");
        var parts = member.AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"member\"", "\"owner\"", StringComparison.Ordinal);

        using var users = await fixture.Client.SendAsync(HttpMethod.Get, "/users", $"{parts[0]}.{Base64Url(payload)}.{parts[2]}");

        Assert.Equal(HttpStatusCode.Unauthorized, users.StatusCode);
    }

    [Fact]
    public async Task Alg_none_is_401()
    {
        var owner = await fixture.Client.RegisterAsync();
        var payload = owner.AccessToken.Split('.')[1];

        using var me = await fixture.Client.SendAsync(HttpMethod.Get, "/me", $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{payload}.");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Jwks_publishes_only_public_es256_keys()
    {
        var jwks = await fixture.Client.Http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json", Ct);
        var discovery = await fixture.Client.Http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Ct);

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.EndsWith("/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_access_token_is_401()
    {
        await using var service = new KestrelServiceFactory<IdentityDb>(new Dictionary<string, string?>
        {
            // JWT times are whole seconds: a 1 s lifetime leaves 0-1 s, less than a loaded machine's first request may take.
            ["Identity:AccessTokenLifetime"] = "00:00:02",
            ["Security:ClockSkew"] = "00:00:00",
        }).Start();
        using var http = service.CreateLoopbackClient();
        var client = new IdentityClient(http);
        var owner = await client.RegisterAsync();
        using var fresh = await client.SendAsync(HttpMethod.Get, "/me", owner.AccessToken);

        await Task.Delay(TimeSpan.FromSeconds(3.2), Ct);
        using var expired = await client.SendAsync(HttpMethod.Get, "/me", owner.AccessToken);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Closed_registration_still_allows_the_first_tenant_only()
    {
        await using var service = new KestrelServiceFactory<IdentityDb>(new Dictionary<string, string?>
        {
            ["Identity:AllowRegistration"] = "false",
        }).Start();
        using var http = service.CreateLoopbackClient();
        var client = new IdentityClient(http);

        await client.RegisterAsync();
        using var second = await http.PostAsJsonAsync("/auth/register", new { tenant_name = "late", email = "late@example.com", password = "late-password" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
    }

    [Fact]
    public async Task Refresh_token_shorter_than_the_access_token_is_refused_at_start()
    {
        await using var service = new KestrelServiceFactory<IdentityDb>(new Dictionary<string, string?>
        {
            ["Identity:AccessTokenLifetime"] = "01:00:00",
            ["Identity:RefreshTokenLifetime"] = "00:10:00",
        });

        var error = Assert.ThrowsAny<Exception>(() => service.Start());

        Assert.Contains("refresh token must outlive", error.ToString(), StringComparison.Ordinal);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
