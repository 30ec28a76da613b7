using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using MagicHub.Security.Revocation;
using MagicHub.Security.Tenancy;
using MagicHub.Security.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace MagicHub.Security.Tests;

/// <summary>A bare service with <c>AddPlatformSecurity</c>, trusting a test key, on an in-memory server.</summary>
public sealed class TokenValidationTests : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private WebApplication? _app;
    private HttpClient? _client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddPlatformSecurity(options =>
        {
            options.RevocationPollInterval = TimeSpan.Zero;
            options.ServiceSecret = "not-used-here";
        });
        _tokens.Trust(builder.Services);
        _app = builder.Build();
        _app.MapGet("/health", () => "ok");
        _app.MapGet("/whoami", (ITenantContext tenant) => $"{tenant.TenantId}/{tenant.UserId}/{tenant.Role}");
        _app.MapPost("/write", () => "written").RequireAuthorization(PlatformPolicies.Write);
        await _app.StartAsync(Ct);
        _client = _app.GetTestClient();
    }

    [Fact]
    public async Task Valid_token_gives_the_tenant_context()
    {
        var response = await SendAsync("/whoami", _tokens.Issue("t1", "u1", PlatformRoles.Member));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("t1/u1/member", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Missing_token_is_401_problem_but_health_stays_open()
    {
        var denied = await SendAsync("/whoami", null);
        var health = await SendAsync("/health", null);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Tampered_signature_is_401()
    {
        var token = _tokens.Issue("t1");
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';

        var response = await SendAsync("/whoami", $"{parts[0]}.{parts[1]}.{new string(signature)}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_payload_is_401()
    {
        var parts = _tokens.Issue("t1").Split('.');
        var otherPayload = _tokens.Issue("t2").Split('.')[1];

        var response = await SendAsync("/whoami", $"{parts[0]}.{otherPayload}.{parts[2]}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Alg_none_is_401()
    {
        var payload = _tokens.Issue("t1").Split('.')[1];
        var header = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        var response = await SendAsync("/whoami", $"{header}.{payload}.");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        var response = await SendAsync("/whoami", _tokens.Issue("t1", lifetime: TimeSpan.FromMinutes(-5)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_signed_by_an_unknown_key_is_401()
    {
        using var stranger = new TestTokens(keyId: "test-key");

        var response = await SendAsync("/whoami", stranger.Issue("t1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_for_another_audience_is_401()
    {
        using var other = new TestTokens(new SecurityOptions { Audience = "someone-else" });
        var token = other.Issue([new Claim(PlatformClaims.Subject, "u"), new Claim(PlatformClaims.TenantId, "t")], TimeSpan.FromMinutes(5));

        var response = await SendAsync("/whoami", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_of_a_revoked_session_is_401()
    {
        var token = _tokens.Issue("t1", sessionId: "session-gone");
        _app!.Services.GetRequiredService<RevocationList>().Replace(["session-gone"], DateTimeOffset.UtcNow);

        var response = await SendAsync("/whoami", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_accepted_before_its_session_is_revoked_is_401_after()
    {
        var token = _tokens.Issue("t1", sessionId: "session-revoked-later");
        var before = await SendAsync("/whoami", token);
        _app!.Services.GetRequiredService<RevocationList>().Replace(["session-revoked-later"], DateTimeOffset.UtcNow);

        var after = await SendAsync("/whoami", token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Read_only_role_cannot_write()
    {
        var readOnly = await SendAsync("/write", _tokens.Issue("t1", role: PlatformRoles.ReadOnly), HttpMethod.Post);
        var member = await SendAsync("/write", _tokens.Issue("t1", role: PlatformRoles.Member), HttpMethod.Post);

        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? token, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await _client!.SendAsync(request, Ct);
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _tokens.Dispose();
    }
}
