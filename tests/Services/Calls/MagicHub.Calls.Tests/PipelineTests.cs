using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace MagicHub.Calls.Tests;

public sealed class PipelineTests(PipelinePlatform platform, CallAudio audio) : IClassFixture<PipelinePlatform>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_transcribe_returns_the_seed_shape_and_stores_the_call_once()
    {
        using var client = platform.CallsClient();
        var wav = audio.StereoCall(variant: 1);

        using var first = await client.PostAsync("/api/transcribe/", Upload(("call.wav", wav)), Ct);
        var result = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var again = await client.PostAsync("/api/transcribe/", Upload(("same-call.wav", wav)), Ct);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        foreach (var key in new[] { "filename", "transcription", "domain", "category", "domain_specific_data", "general_metrics", "database", "token_usage" })
        {
            Assert.True(result.TryGetProperty(key, out _), $"missing {key}");
        }
        Assert.Contains("Agent:", result.GetProperty("transcription").GetString(), StringComparison.Ordinal);
        Assert.Contains("Customer:", result.GetProperty("transcription").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("database").GetProperty("success").GetBoolean());
        var callId = result.GetProperty("database").GetProperty("call_id").GetString();
        Assert.Equal(callId, second.GetProperty("database").GetProperty("call_id").GetString());
        foreach (var stage in new[] { "stage1_transcription_and_detection", "stage2_combined_analysis", "total" })
        {
            Assert.True(result.GetProperty("token_usage").TryGetProperty(stage, out _));
        }
        var stored = await client.GetFromJsonAsync<JsonElement>($"/call/{callId}", Ct);
        Assert.Equal("call.wav", stored.GetProperty("filename").GetString());
    }

    [Fact]
    public async Task Async_batch_analyzes_good_files_and_rejects_bad_ones_per_file()
    {
        using var client = platform.CallsClient("batch-" + Guid.NewGuid().ToString("N")[..6]);
        using var form = Upload(
            ("a.wav", audio.StereoCall(2)), ("b.wav", audio.StereoCall(3)), ("notes.wav", "just some text, not audio"u8.ToArray()),
            ("empty.wav", []), ("c.wav", audio.StereoCall(4)));

        using var response = await client.PostAsync("/api/calls", form, Ct);
        var submission = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, submission.GetProperty("accepted").GetInt32());
        var files = submission.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("filename").GetString()!);
        Assert.Equal(415, files["notes.wav"].GetProperty("status").GetInt32());
        Assert.Equal(400, files["empty.wav"].GetProperty("status").GetInt32());
        var jobs = files.Values.Where(f => f.GetProperty("job_id").ValueKind == JsonValueKind.String).Select(f => f.GetProperty("job_id").GetString()!).ToList();
        foreach (var job in jobs)
        {
            var view = await WaitFinishedAsync(client, job);
            Assert.Equal("completed", view.GetProperty("status").GetString());
            Assert.All(view.GetProperty("stages").EnumerateArray(), s => Assert.Equal("done", s.GetProperty("state").GetString()));
        }
        var stats = await client.GetFromJsonAsync<JsonElement>("/stats", Ct);
        Assert.Equal(3, stats.GetProperty("tables").GetProperty("general").GetInt32());
    }

    [Fact]
    public async Task Request_without_a_file_or_not_multipart_is_a_clear_4xx()
    {
        using var client = platform.CallsClient();

        using var noFile = await client.PostAsync("/api/calls", new MultipartFormDataContent { { new StringContent("x"), "note" } }, Ct);
        using var json = await client.PostAsync("/api/transcribe/", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("application/problem+json", noFile.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Fact]
    public async Task Corrupt_audio_ends_failed_with_a_reason_and_can_be_retried_by_api()
    {
        using var client = platform.CallsClient();
        var corrupt = audio.StereoCall(5)[..60];

        using var response = await client.PostAsync("/api/calls", Upload(("broken.wav", corrupt)), Ct);
        var job = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("files")[0].GetProperty("job_id").GetString()!;
        var view = await WaitFinishedAsync(client, job);

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(view.GetProperty("error").GetString()));
        using var retried = await client.PostAsync($"/api/calls/{job}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("failed", (await WaitFinishedAsync(client, job)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Progress_feed_streams_server_sent_events_until_completion()
    {
        using var client = platform.CallsClient();
        using var response = await client.PostAsync("/api/calls", Upload(("sse.wav", audio.StereoCall(6))), Ct);
        var job = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("files")[0].GetProperty("job_id").GetString()!;

        using var feed = await client.GetAsync($"/api/calls/{job}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        var body = await feed.Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/event-stream", feed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: progress", body, StringComparison.Ordinal);
        Assert.Contains("event: completed", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_call_is_not_found()
    {
        using var owner = platform.CallsClient("owner-" + Guid.NewGuid().ToString("N")[..6]);
        using var stranger = platform.CallsClient("stranger-" + Guid.NewGuid().ToString("N")[..6]);
        using var response = await owner.PostAsync("/api/calls", Upload(("mine.wav", audio.StereoCall(7))), Ct);
        var job = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("files")[0].GetProperty("job_id").GetString()!;

        using var other = await stranger.GetAsync($"/api/calls/{job}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        await WaitFinishedAsync(owner, job);
    }

    internal static MultipartFormDataContent Upload(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(content, "file", name);
        }
        return form;
    }

    internal static async Task<JsonElement> WaitFinishedAsync(HttpClient client, string job, int seconds = 240)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonElement view = default;
        while (DateTime.UtcNow < deadline)
        {
            view = await client.GetFromJsonAsync<JsonElement>($"/api/calls/{job}", TestContext.Current.CancellationToken);
            if (view.GetProperty("status").GetString() is "completed" or "failed")
            {
                return view;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"Call {job} did not finish: {view}");
    }
}
