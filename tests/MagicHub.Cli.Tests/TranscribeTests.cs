using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Cli.Tests;

public sealed class TranscribeTests
{
    [Fact]
    public async Task Transcribe_streams_every_file_as_a_file_part_follows_each_job_and_prints_json_results()
    {
        var calls = new FakeCalls();
        await using var stub = await StubGateway.StartAsync(calls.Map);
        using var cli = new CliRunner();
        var a = cli.WriteFile("a.wav", 4000);
        var b = cli.WriteFile("b.mp3", 70_000);

        var run = await cli.RunAsync("transcribe", a, b, "--json", "--url", stub.Url, "--token", "tok");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([("file", "a.wav", 4000L), ("file", "b.mp3", 70_000L)], calls.Parts.OrderBy(p => p.FileName).ToList());
        Assert.StartsWith("multipart/form-data", stub.To("/api/calls").Single(r => r.Method == "POST").ContentType);
        Assert.All(stub.Requests, r => Assert.Equal("Bearer tok", r.Authorization));
        var results = JsonDocument.Parse(run.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal("completed", r.GetProperty("status").GetString());
            Assert.Equal("banking", r.GetProperty("domain").GetString());
            Assert.Equal("card_issue", r.GetProperty("category").GetString());
            Assert.Equal("negative", r.GetProperty("sentiment").GetString());
            Assert.Equal(4.5, r.GetProperty("seconds").GetDouble());
            Assert.True(r.GetProperty("call_id").GetGuid() != Guid.Empty);
        });
        Assert.True(stub.Requests.Count(r => r.Path.StartsWith("/api/calls/", StringComparison.Ordinal)) >= 6, "each job is polled through its stages");
    }

    [Fact]
    public async Task A_rejected_or_failed_file_shows_its_reason_in_the_summary_and_the_exit_code_is_not_zero()
    {
        var calls = new FakeCalls();
        calls.Failing.Add("bad.wav");
        await using var stub = await StubGateway.StartAsync(calls.Map);
        using var cli = new CliRunner();
        var good = cli.WriteFile("good.wav", 2000);
        var corrupt = cli.WriteFile("corrupt.wav", 100);
        var bad = cli.WriteFile("bad.wav", 2000);

        var run = await cli.RunAsync("transcribe", good, corrupt, bad, Path.Combine(cli.Directory, "missing.wav"), "--url", stub.Url, "--token", "t");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("good.wav", run.Out);
        Assert.Contains("completed", run.Out);
        Assert.Contains("banking", run.Out);
        Assert.Contains("rejected", run.Out);
        Assert.Contains("Not audio", run.Out);
        Assert.Contains("transcript is empty", run.Out);
        Assert.Contains("no such file", run.Out);
        Assert.Contains("1 completed", run.Out);
        Assert.Contains("3 not completed", run.Out);
        Assert.Equal(3, calls.Parts.Count);
    }

    [Fact]
    public async Task A_single_rejected_file_reports_the_problem_title_and_detail()
    {
        var calls = new FakeCalls();
        await using var stub = await StubGateway.StartAsync(calls.Map);
        using var cli = new CliRunner();
        var corrupt = cli.WriteFile("corrupt.txt", 10);

        var run = await cli.RunAsync("transcribe", corrupt, "--json", "--url", stub.Url, "--token", "t");

        Assert.Equal(1, run.ExitCode);
        var result = JsonDocument.Parse(run.Out).RootElement[0];
        Assert.Equal("rejected", result.GetProperty("status").GetString());
        Assert.Equal("The file was rejected. (HTTP 415): corrupt.txt: Not audio.", result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Sync_mode_posts_each_file_to_the_seed_endpoint_and_prints_its_unified_json()
    {
        await using var stub = await StubGateway.StartAsync(app => app.MapPost("/api/transcribe/", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var file = form.Files.GetFile("file")!;
            return Results.Json(new
            {
                filename = file.FileName,
                transcription = "hello",
                domain = "telecom",
                category = "billing",
                domain_specific_data = new { plan = "basic" },
                general_metrics = new { sentiment = new { overall = "neutral" } },
                database = new { success = true, call_id = Guid.NewGuid() },
                token_usage = new { total = new { input_tokens = 10, output_tokens = 5, total_tokens = 15 } },
            });
        }));
        using var cli = new CliRunner();
        var file = cli.WriteFile("one.wav", 1000);

        var run = await cli.RunAsync("transcribe", "--sync", file, "--url", stub.Url, "--token", "t");

        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("one.wav", json.GetProperty("filename").GetString());
        Assert.True(json.GetProperty("database").GetProperty("success").GetBoolean());
        Assert.Equal(15, json.GetProperty("token_usage").GetProperty("total").GetProperty("total_tokens").GetInt32());
    }
}
