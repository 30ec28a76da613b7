using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Cli.Tests;

public sealed class CallsCommandsTests
{
    private static readonly Guid CallId = Guid.Parse("0196a1b2-0000-7000-8000-000000000001");

    private static object Page(int page, int pageSize) => new
    {
        page,
        page_size = pageSize,
        total = 41,
        items = new[]
        {
            new { call_id = CallId, filename = "card.wav", domain = "banking", category = "card_issue", sentiment = "negative", media_id = (string?)null, created_at = new DateTime(2025, 5, 1, 10, 0, 0, DateTimeKind.Utc) },
        },
    };

    [Fact]
    public async Task List_sends_the_filters_and_paging_as_query_parameters_and_prints_a_table()
    {
        await using var stub = await StubGateway.StartAsync(app => app.MapGet("/calls/calls", (int? page, int? page_size) => Results.Json(Page(page ?? 1, page_size ?? 20))));
        using var cli = new CliRunner();

        var run = await cli.RunAsync("calls", "list", "--domain", "banking", "--sentiment", "negative", "--q", "card blocked",
            "--from", "2025-05-01T00:00:00Z", "--page", "3", "--page-size", "10", "--url", stub.Url, "--token", "t");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("?domain=banking&sentiment=negative&from=2025-05-01T00%3A00%3A00.0000000Z&q=card%20blocked&page=3&page_size=10", stub.To("/calls/calls").Single().Query);
        Assert.Contains(CallId.ToString(), run.Out);
        Assert.Contains("card_issue", run.Out);
        Assert.Contains("Page 3 of 5, 41 call(s).", run.Out);
    }

    [Fact]
    public async Task Show_with_json_prints_the_gateway_answer_and_without_it_the_transcript()
    {
        await using var stub = await StubGateway.StartAsync(app => app.MapGet("/calls/call/{id:guid}", (Guid id) => Results.Json(FakeCalls.Call(id, "card.wav"))));
        using var cli = new CliRunner();

        var json = await cli.RunAsync("calls", "show", CallId.ToString(), "--json", "--url", stub.Url, "--token", "t");
        var text = await cli.RunAsync("calls", "show", CallId.ToString(), "--url", stub.Url, "--token", "t");

        Assert.Equal("debit", JsonDocument.Parse(json.Out).RootElement.GetProperty("domain_specific_data").GetProperty("card_type").GetString());
        Assert.Contains("my card was blocked at the shop", text.Out);
        Assert.Contains("\"card_type\": \"debit\"", text.Out);
        Assert.Contains("120 in / 30 out", text.Out);
    }

    [Fact]
    public async Task Export_writes_the_streamed_csv_to_the_output_file()
    {
        const string Csv = "call_id,filename,domain\n0196a1b2-0000-7000-8000-000000000001,card.wav,banking\n";
        await using var stub = await StubGateway.StartAsync(app => app.MapGet("/calls/export", () => Results.Text(Csv, "text/csv")));
        using var cli = new CliRunner();
        var output = Path.Combine(cli.Directory, "calls.csv");

        var run = await cli.RunAsync("calls", "export", "--format", "csv", "--domain", "banking", "-o", output, "--url", stub.Url, "--token", "t");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Csv, File.ReadAllText(output));
        Assert.Equal("?domain=banking&format=csv", stub.To("/calls/export").Single().Query);
    }

    [Fact]
    public async Task Delete_of_an_unknown_call_says_so_and_fails()
    {
        await using var stub = await StubGateway.StartAsync(app => app.MapDelete("/calls/call/{id:guid}", (Guid id) =>
            id == CallId ? Results.NoContent() : Problems.Of(404, "Not Found", $"No call {id}.")));
        using var cli = new CliRunner();

        var ok = await cli.RunAsync("calls", "delete", CallId.ToString(), "--url", stub.Url, "--token", "t");
        var missing = await cli.RunAsync("calls", "delete", Guid.Empty.ToString(), "--url", stub.Url, "--token", "t");

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains($"Deleted call {CallId}", ok.Out);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"Not Found (HTTP 404): No call {Guid.Empty}.", missing.Error);
    }

    [Fact]
    public async Task Retry_posts_to_the_job_and_a_conflict_shows_the_reason()
    {
        var failed = Guid.NewGuid();
        await using var stub = await StubGateway.StartAsync(app => app.MapPost("/api/calls/{id:guid}/retry", (Guid id) => id == failed
            ? Results.Json(FakeCalls.Job(id, "x.wav", 1, Guid.Empty, false), statusCode: 202)
            : Problems.Of(409, "The call has not failed.", "Only failed calls can be retried; this one is completed.")));
        using var cli = new CliRunner();

        var ok = await cli.RunAsync("calls", "retry", failed.ToString(), "--url", stub.Url, "--token", "t");
        var conflict = await cli.RunAsync("calls", "retry", Guid.NewGuid().ToString(), "--url", stub.Url, "--token", "t");

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("running again from stage analyze", ok.Out);
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("The call has not failed. (HTTP 409): Only failed calls can be retried; this one is completed.", conflict.Error);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_one_clear_line()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("calls", "stats", "--url", "http://127.0.0.1:9", "--token", "t");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: Cannot reach the gateway at http://127.0.0.1:9/", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
