using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MagicHub.Transcription.Tests;

public sealed class BadInputTests(TestAudio audio)
{
    private static readonly TranscriptionHost Host = new(new Dictionary<string, string?> { ["Transcription:MaxUploadBytes"] = "400000" });

    [Fact]
    public async Task Empty_file_is_rejected_as_empty() =>
        await AssertProblemAsync([], "empty.wav", "audio/wav", HttpStatusCode.BadRequest, "Empty audio file");

    [Fact]
    public async Task Truncated_mp3_is_rejected_as_truncated()
    {
        var bytes = await File.ReadAllBytesAsync(audio.MonoMp3, TestContext.Current.CancellationToken);
        await AssertProblemAsync(bytes[..(bytes.Length / 3)], "call.mp3", "audio/mpeg", HttpStatusCode.UnprocessableEntity, "Truncated audio");
    }

    [Fact]
    public async Task Text_file_renamed_wav_is_rejected_as_not_audio() =>
        await AssertProblemAsync("hello, this is not audio at all\n"u8.ToArray(), "notes.wav", "audio/wav", HttpStatusCode.UnsupportedMediaType, "Not an audio file");

    [Fact]
    public async Task Zero_second_wav_is_rejected_as_having_no_samples() =>
        await AssertProblemAsync(TestAudio.EmptyWav(), "silence.wav", "audio/wav", HttpStatusCode.UnprocessableEntity, "Audio has no samples");

    [Fact]
    public async Task Upload_over_the_size_limit_is_rejected_naming_the_limit()
    {
        var bytes = await File.ReadAllBytesAsync(audio.StereoWav, TestContext.Current.CancellationToken);
        Assert.True(bytes.Length > 400_000);
        var problem = await AssertProblemAsync(bytes, "call.wav", "audio/wav", HttpStatusCode.RequestEntityTooLarge, "Audio file too large");
        Assert.Contains("400000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_over_the_duration_limit_is_rejected()
    {
        await using var strict = new TranscriptionHost(new Dictionary<string, string?> { ["Transcription:MaxDurationSeconds"] = "3" });
        using var client = strict.CreateAuthorizedClient();
        using var response = await client.PostAsync("/transcribe", Form(await File.ReadAllBytesAsync(audio.MonoMp3, TestContext.Current.CancellationToken), "call.mp3", "audio/mpeg"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Audio too long", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_hex_in_seed_json_is_a_bad_request()
    {
        using var client = Host.CreateAuthorizedClient();
        using var content = new StringContent("{\"file_bytes\":\"zz-not-hex!\",\"mime_type\":\"audio/wav\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/transcribe", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Service_stays_up_after_bad_inputs()
    {
        await AssertProblemAsync("garbage"u8.ToArray(), "x.mp3", "audio/mpeg", HttpStatusCode.UnsupportedMediaType, "Not an audio file");
        using var client = Host.CreateAuthorizedClient();
        using var alive = await client.GetAsync("/alive", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private static async Task<JsonElement> AssertProblemAsync(byte[] bytes, string name, string type, HttpStatusCode status, string title)
    {
        using var client = Host.CreateAuthorizedClient();
        using var response = await client.PostAsync("/transcribe", Form(bytes, name, type), TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    private static MultipartFormDataContent Form(byte[] bytes, string name, string type)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        return form;
    }
}
