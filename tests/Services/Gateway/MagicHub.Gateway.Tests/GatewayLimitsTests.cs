using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MagicHub.Security.Testing;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>Rate limits (in memory and shared through a real Redis), CORS and body limits, each on its own small gateway.</summary>
public sealed class GatewayLimitsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Burst_over_the_quota_gets_429_with_retry_after_while_other_callers_keep_theirs()
    {
        using var tokens = new TestTokens();
        await using var gateway = Gateway(new()
        {
            ["GatewaySecurity:RateLimits:Anonymous:PermitLimit"] = "3",
            ["GatewaySecurity:RateLimits:Anonymous:Window"] = "00:01:00",
        }, tokens);
        using var client = gateway.CreateLoopbackClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync("/", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected ??= response;
            }
        }
        using var asUser = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue("t1")) } };
        using var userResponse = await client.SendAsync(asUser, Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = int.Parse(rejected!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, userResponse.StatusCode);
    }

    [Fact]
    public async Task Two_gateways_configured_with_redis_share_one_quota()
    {
        var settings = new Dictionary<string, string?>
        {
            ["GatewaySecurity:RateLimits:Anonymous:PermitLimit"] = "4",
            ["GatewaySecurity:RateLimits:Anonymous:Window"] = "00:01:00",
            ["GatewaySecurity:RateLimits:Redis"] = redis.Configuration,
            ["GatewaySecurity:RateLimits:RedisKeyPrefix"] = $"test-{Guid.NewGuid():N}:",
        };
        await using var first = Gateway(settings);
        await using var second = Gateway(settings);
        using var a = first.CreateLoopbackClient();
        using var b = second.CreateLoopbackClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { a, b, a, b, a, b })
        {
            using var response = await client.GetAsync("/", Ct);
            statuses.Add(response.StatusCode);
        }
        using var last = await b.GetAsync("/", Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last.Headers.RetryAfter is not null || last.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Cors_answers_preflights_of_configured_origins_only()
    {
        await using var gateway = Gateway(new()
        {
            ["GatewaySecurity:Cors:AllowedOrigins:0"] = "https://app.example.com",
        });
        using var client = gateway.CreateLoopbackClient();

        using var allowed = await client.SendAsync(Preflight("https://app.example.com"), Ct);
        using var refused = await client.SendAsync(Preflight("https://evil.example.com"), Ct);

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://app.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Body_over_the_routes_limit_is_413()
    {
        await using var gateway = Gateway(new()
        {
            ["GatewaySecurity:BodyLimits:Default"] = "1024",
            ["GatewaySecurity:BodyLimits:Routes:/calls"] = "4096",
        });
        using var client = gateway.CreateLoopbackClient();

        using var tooBig = await client.PostAsync("/identity/auth/login", new StringContent(new string('x', 2000), Encoding.UTF8, "application/json"), Ct);
        using var routeAllowsMore = await client.PostAsync("/calls/save", new StringContent(new string('x', 2000), Encoding.UTF8, "application/json"), Ct);
        using var overRouteLimit = await client.PostAsync("/calls/save", new StringContent(new string('x', 5000), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, routeAllowsMore.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overRouteLimit.StatusCode);
    }

    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/calls/stats")
    {
        Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "GET" } },
    };

    /// <summary>A gateway whose downstream services are not running; only its own behaviour is under test.</summary>
    private static SecuredServiceFactory<GatewayOptions> Gateway(Dictionary<string, string?> settings, TestTokens? tokens = null)
    {
        var dead = $"http://127.0.0.1:{FreePort.Next()}";
        settings["Gateway:Services"] = "identity,calls";
        settings["Services:identity:http:0"] = dead;
        settings["Services:calls:http:0"] = dead;
        settings["Security:RevocationPollInterval"] = "00:00:00";
        var gateway = new SecuredServiceFactory<GatewayOptions>(settings, tokens);
        gateway.Start();
        return gateway;
    }
}
