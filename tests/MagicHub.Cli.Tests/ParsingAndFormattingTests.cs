using System.Net;
using MagicHub.Cli.Auth;
using MagicHub.Cli.Commands;
using MagicHub.Cli.Http;
using MagicHub.Cli.Output;

namespace MagicHub.Cli.Tests;

public sealed class ParsingAndFormattingTests
{
    [Fact]
    public void Problem_details_become_title_status_and_detail_with_validation_errors()
    {
        const string Body = """{"type":"x","title":"One or more validation errors occurred.","status":400,"detail":"Check the fields.","errors":{"page_size":["The field must be between 1 and 200."]}}""";
        var message = ProblemMessage.Format(HttpStatusCode.BadRequest, Body);
        Assert.Equal($"One or more validation errors occurred. (HTTP 400): Check the fields.{Environment.NewLine}  page_size: The field must be between 1 and 200.", message);
    }

    [Fact]
    public void A_body_that_is_not_json_is_shown_shortened_after_the_status()
    {
        Assert.Equal("HTTP 502 Bad Gateway: upstream down", ProblemMessage.Format(HttpStatusCode.BadGateway, "upstream down\n"));
        Assert.Equal("HTTP 503 Service Unavailable", ProblemMessage.Format(HttpStatusCode.ServiceUnavailable, ""));
    }

    [Fact]
    public void Explicit_options_win_over_the_environment_and_saved_tokens_come_last()
    {
        var environment = new Dictionary<string, string> { ["MAGICHUB_TOKEN"] = "env-token", ["MAGICHUB_API_KEY"] = "env-key" };
        Assert.Equal(new GatewayAuth(GatewayAuthKind.ApiKey, "k"), GatewayAuth.Resolve(null, "k", environment.GetValueOrDefault));
        Assert.Equal(new GatewayAuth(GatewayAuthKind.Token, "t"), GatewayAuth.Resolve("t", "k", environment.GetValueOrDefault));
        Assert.Equal(new GatewayAuth(GatewayAuthKind.Token, "env-token"), GatewayAuth.Resolve(null, null, environment.GetValueOrDefault));
        Assert.Equal(new GatewayAuth(GatewayAuthKind.Stored), GatewayAuth.Resolve(null, null, _ => null));
    }

    [Fact]
    public void Query_strings_skip_empty_filters_and_escape_values()
    {
        Assert.Equal("", CallFilters.QueryString([("domain", null), ("q", " ")]));
        Assert.Equal("?q=a%26b%20c&page=2", CallFilters.QueryString([("q", "a&b c"), ("domain", ""), ("page", "2")]));
    }

    [Theory]
    [InlineData("calls", "export", "--format", "xml")]
    [InlineData("calls", "show", "not-a-guid")]
    [InlineData("transcribe")]
    [InlineData("calls", "list", "--page", "two")]
    public async Task Bad_arguments_fail_with_a_parse_error_before_any_request(params string[] args)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync([.. args, "--url", "http://127.0.0.1:9"]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("Cannot reach", run.Error + run.Out);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("calls", "stats", "--url", "ftp://example");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not an http(s) URL", run.Error);
    }

    [Fact]
    public void Stage_progress_counts_done_stages_and_half_of_the_running_one()
    {
        var job = new JobView(Guid.NewGuid(), "a.wav", "running", "analyze",
            [new StageView("transcribe", "done", 900), new StageView("analyze", "running", null), new StageView("save", "pending", null)],
            1, null, null, DateTime.UtcNow, DateTime.UtcNow);
        Assert.Equal(1.5, TranscribeOutput.StageProgress(job));
        Assert.Equal("a.wav [grey]2/3 analyze[/]", TranscribeOutput.BarLabel("a.wav", job));
    }

    [Fact]
    public void The_summary_table_has_a_row_per_file_and_the_error_under_it()
    {
        var console = new StringWriter();
        var ansi = CliRunner.Console(console);
        var callId = Guid.NewGuid();
        ansi.Write(TranscribeOutput.Summary(
        [
            new TranscribeResult("a.wav", "completed", Guid.NewGuid(), callId, "banking", "card_issue", "negative", 4.52),
            new TranscribeResult("b.txt", "rejected", Error: "Not audio [mp3?]"),
        ]));
        var lines = console.ToString().Split('\n');
        Assert.Contains(lines, l => l.Contains("a.wav") && l.Contains("banking") && l.Contains(callId.ToString()) && l.Contains("4.5"));
        Assert.Contains(lines, l => l.Contains("Not audio [mp3?]"));
        Assert.Contains(lines, l => l.Contains("Seconds") && l.Contains("Call id") && l.Contains("Sentiment"));
    }

    [Fact]
    public void Saved_credentials_are_kept_per_gateway_in_a_file_only_the_owner_can_read()
    {
        var directory = Directory.CreateTempSubdirectory("magichub-store-").FullName;
        try
        {
            var store = new CredentialStore(Path.Combine(directory, "magichub", "credentials.json"));
            var one = new Uri("http://localhost:8000/");
            var two = new Uri("https://hub.example:443/");
            store.Save(one, new Credentials("a1", "r1", null, "t", "s", "owner", "x@y"));
            store.Save(two, new Credentials("a2", null, null, "t", "s", "member", null));

            Assert.Equal("a1", store.Get(new Uri("http://LOCALHOST:8000/anything"))!.AccessToken);
            Assert.Equal("a2", store.Get(two)!.AccessToken);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(store.Path)!));
            Assert.True(store.Remove(one));
            Assert.Null(store.Get(one));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
