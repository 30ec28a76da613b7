using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MagicHub.Calls.Tests;

/// <summary>A crash of a downstream service mid-run loses no call and analyzes none twice.</summary>
[Collection(PipelineGroup.Name)]
public sealed class FaultTests(PipelinePlatform platform, CallAudio audio)
{
    private const int CallCount = 50;

    [Fact]
    public async Task Fifty_calls_all_complete_exactly_once_when_extraction_is_killed_and_restarted_mid_run()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = platform.CallsClient("fault-" + Guid.NewGuid().ToString("N")[..6]);
        var jobs = new List<string>();
        for (var batch = 0; batch < CallCount / 10; batch++)
        {
            var files = Enumerable.Range(batch * 10, 10).Select(i => ($"fault-{i}.wav", audio.CustomerOnlyCall(100 + i))).ToArray();
            using var response = await client.PostAsync("/api/calls", PipelineTests.Upload(files), ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            jobs.AddRange(body.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("job_id").GetString()!));
        }

        await WaitUntilAsync(async () => (await CountAsync(client, "completed")) >= 3, ct);
        var port = platform.Extraction.Port;
        var prompts = new Uri(platform.Extraction.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MagicHub.Extraction.ExtractionOptions>>().Value.PromptsUrl);
        await platform.StopExtractionAsync();
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        platform.StartExtraction(port, prompts);

        foreach (var job in jobs)
        {
            var view = await PipelineTests.WaitFinishedAsync(client, job, seconds: 600);
            Assert.Equal("completed", view.GetProperty("status").GetString());
        }
        var stats = await client.GetFromJsonAsync<JsonElement>("/stats", ct);
        Assert.Equal(CallCount, stats.GetProperty("tables").GetProperty("general").GetInt32());
        var calls = await client.GetFromJsonAsync<JsonElement>("/calls?page_size=200", ct);
        Assert.Equal(CallCount, calls.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("filename").GetString()).Distinct().Count());
    }

    private static async Task<int> CountAsync(HttpClient client, string status) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/calls?status={status}", TestContext.Current.CancellationToken)).GetArrayLength();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }
            await Task.Delay(200, ct);
        }
    }
}
