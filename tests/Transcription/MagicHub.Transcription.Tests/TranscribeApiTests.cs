using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Transcription.Transcribe;

namespace MagicHub.Transcription.Tests;

public sealed class TranscribeApiTests(TestAudio audio)
{
    private static readonly TranscriptionHost Host = new();
    private static Task<TranscriptionResponse>? stereo;

    // The three stereo assertions share one transcription of the same upload (the suite runs on a busy 2-core box).
    private Task<TranscriptionResponse> StereoAsync() => LazyInitializer.EnsureInitialized(ref stereo, () => PostFileAsync(audio.StereoWav, "audio/wav"));

    [Fact]
    public async Task Stereo_call_comes_back_as_agent_and_customer_turns_in_time_order()
    {
        var result = await StereoAsync();

        Assert.Equal(["Agent", "Customer", "Agent"], Collapse(result.Segments.Select(s => s.Speaker)));
        Assert.True(result.Segments.Zip(result.Segments.Skip(1)).All(p => p.First.Start <= p.Second.Start));
        Assert.StartsWith("[00:0", result.Transcription, StringComparison.Ordinal);
        Assert.Contains("] Customer: ", result.Transcription, StringComparison.Ordinal);
        Assert.Equal("pocketsphinx", result.Engine);
        Assert.Equal([0, 0], result.TokensStage1);
        Assert.InRange(result.DurationSeconds, 5, 30);
    }

    [Fact]
    public async Task Spoken_card_digits_come_back_as_digits_beside_the_raw_words()
    {
        var result = await StereoAsync();

        var customer = Assert.Single(result.Segments, s => s.Speaker == "Customer");
        TestContext.Current.SendDiagnosticMessage(result.Transcription);
        Assert.Contains("55554444", customer.Text, StringComparison.Ordinal);
        Assert.Contains("five five five five four four four four", customer.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_call_is_classified_as_banking_card_replacement()
    {
        var result = await StereoAsync();

        Assert.Equal(("banking", "card_replacement"), (result.Domain, result.Category));
        Assert.InRange(result.Confidence, 0.15, 1);
    }

    [Fact]
    public async Task Mono_mp3_sent_as_seed_json_is_split_at_pauses_with_speakers_inferred()
    {
        var json = new { file_bytes = Convert.ToHexString(await File.ReadAllBytesAsync(audio.MonoMp3, TestContext.Current.CancellationToken)), mime_type = "mp3" };
        using var client = Host.CreateAuthorizedClient();
        using var response = await client.PostAsJsonAsync("/transcribe", json, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<TranscriptionResponse>(TestContext.Current.CancellationToken))!;

        Assert.Equal(["Agent", "Customer", "Agent"], Collapse(result.Segments.Select(s => s.Speaker)));
        Assert.Contains(result.Segments, s => s.Text.Contains("55554444", StringComparison.Ordinal));
    }

    private static async Task<TranscriptionResponse> PostFileAsync(string path, string type)
    {
        using var client = Host.CreateAuthorizedClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", Path.GetFileName(path));
        using var response = await client.PostAsync("/transcribe", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TranscriptionResponse>(TestContext.Current.CancellationToken))!;
    }

    internal static List<string> Collapse(IEnumerable<string> speakers)
    {
        var list = new List<string>();
        foreach (var s in speakers)
        {
            if (list.Count == 0 || list[^1] != s)
            {
                list.Add(s);
            }
        }

        return list;
    }
}
