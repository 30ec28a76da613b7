using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Cli.Tests;

public sealed class AuthTests
{
    private static readonly object Stats = new
    {
        tables = new { general = 3, domain_specific = 3 },
        calls_per_domain = new { banking = 2, telecom = 1 },
        calls_per_category = new Dictionary<string, int> { ["banking/card_issue"] = 2, ["telecom/billing"] = 1 },
        sentiment_distribution = new { negative = 2, neutral = 1 },
        token_totals = new { stage1_input = 100, stage1_output = 20, stage2_input = 300, stage2_output = 50, total = 470 },
    };

    [Fact]
    public async Task Register_creates_the_first_tenant_and_keeps_the_owner_tokens_in_a_private_file()
    {
        JsonElement? body = null;
        await using var stub = await StubGateway.StartAsync(app => app.MapPost("/identity/auth/register", (JsonElement request) =>
        {
            body = request.Clone();
            return Results.Json(FakeCalls.Tokens("access-1", "refresh-1"), statusCode: 201);
        }));
        using var cli = new CliRunner();

        var run = await cli.RunAsync("register", "--tenant", "Acme", "--email", "owner@acme.test", "--password", "s3cret-pass", "--url", stub.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Acme", body!.Value.GetProperty("tenant_name").GetString());
        Assert.Equal("owner@acme.test", body.Value.GetProperty("email").GetString());
        Assert.Equal("s3cret-pass", body.Value.GetProperty("password").GetString());
        Assert.Contains("owner", run.Out);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.CredentialsPath));
        var saved = File.ReadAllText(cli.CredentialsPath);
        Assert.Contains("access-1", saved);
        Assert.Contains("refresh-1", saved);
    }

    [Fact]
    public async Task After_login_requests_carry_the_access_token_and_an_expired_one_is_refreshed_once_and_retried()
    {
        var refreshes = 0;
        await using var stub = await StubGateway.StartAsync(app =>
        {
            app.MapPost("/identity/auth/login", () => Results.Json(FakeCalls.Tokens("old", "refresh-1")));
            app.MapPost("/identity/auth/refresh", (JsonElement request) =>
            {
                Interlocked.Increment(ref refreshes);
                return request.GetProperty("refresh_token").GetString() == "refresh-1"
                    ? Results.Json(FakeCalls.Tokens("new", "refresh-2"))
                    : Problems.Of(401, "Unauthorized", "The refresh token is unknown, expired, already used or its session was revoked.");
            });
            app.MapGet("/calls/stats", (HttpRequest request) => request.Headers.Authorization == "Bearer new"
                ? Results.Json(Stats)
                : Problems.Of(401, "Unauthorized", "The access token expired."));
        });
        using var cli = new CliRunner();

        Assert.Equal(0, (await cli.RunAsync("login", "--email", "a@b.test", "--password", "pw-123456", "--url", stub.Url)).ExitCode);
        var run = await cli.RunAsync("calls", "stats", "--url", stub.Url);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, refreshes);
        Assert.Equal(["Bearer old", "Bearer new"], stub.To("/calls/stats").Select(r => r.Authorization).ToList());
        Assert.Contains("banking/card_issue", run.Out);
        Assert.Contains("470", run.Out);
        Assert.Contains("refresh-2", File.ReadAllText(cli.CredentialsPath));

        var again = await cli.RunAsync("calls", "stats", "--url", stub.Url);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task Concurrent_401s_while_following_jobs_share_one_refresh()
    {
        var calls = new FakeCalls();
        var refreshes = 0;
        await using var stub = await StubGateway.StartAsync(app =>
        {
            app.MapPost("/identity/auth/login", () => Results.Json(FakeCalls.Tokens("old", "refresh-1")));
            app.MapPost("/identity/auth/refresh", () =>
            {
                Interlocked.Increment(ref refreshes);
                return Results.Json(FakeCalls.Tokens("new", "refresh-2"));
            });
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/api/calls") && context.Request.Method == "GET" && context.Request.Headers.Authorization != "Bearer new")
                {
                    context.Response.StatusCode = 401;
                    return;
                }
                await next(context);
            });
            calls.Map(app);
        });
        using var cli = new CliRunner();
        await cli.RunAsync("login", "--email", "a@b.test", "--password", "pw-123456", "--url", stub.Url);
        var files = Enumerable.Range(1, 5).Select(i => cli.WriteFile($"f{i}.wav", 500)).ToArray();

        var run = await cli.RunAsync(["transcribe", .. files, "--json", "--url", stub.Url]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task An_api_key_is_sent_as_X_Api_Key_and_MAGICHUB_TOKEN_as_a_bearer_token()
    {
        await using var stub = await StubGateway.StartAsync(app => app.MapGet("/calls/stats", () => Results.Json(Stats)));
        using var cli = new CliRunner();

        await cli.RunAsync("calls", "stats", "--api-key", "mh_key", "--url", stub.Url);
        cli.Environment["MAGICHUB_TOKEN"] = "env-token";
        cli.Environment["MAGICHUB_URL"] = stub.Url;
        await cli.RunAsync("calls", "stats", "--json");

        var requests = stub.To("/calls/stats");
        Assert.Equal("mh_key", requests[0].ApiKey);
        Assert.Null(requests[0].Authorization);
        Assert.Equal("Bearer env-token", requests[1].Authorization);
    }

    [Fact]
    public async Task A_wrong_password_prints_the_problem_and_no_stack_trace()
    {
        await using var stub = await StubGateway.StartAsync(app => app.MapPost("/identity/auth/login",
            () => Problems.Of(401, "Unauthorized", "The e-mail address or password is wrong.")));
        using var cli = new CliRunner();

        var run = await cli.RunAsync("login", "--email", "a@b.test", "--password", "wrong-password", "--url", stub.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unauthorized (HTTP 401): The e-mail address or password is wrong.", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(File.Exists(cli.CredentialsPath));
    }
}
