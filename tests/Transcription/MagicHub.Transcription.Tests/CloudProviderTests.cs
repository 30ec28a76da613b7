using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Transcription.Transcribe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Transcription.Tests;

public sealed class CloudProviderTests(TestAudio audio)
{
    private const string GeminiAnswer = """
        {"language":"en","domain":"banking","category":"card_replacement","segments":[
         {"start":0.0,"end":2.6,"speaker":"Agent","text":"Thank you for calling the bank, how can I help you?"},
         {"start":3.1,"end":6.4,"speaker":"Customer","text":"My card number is five five five five four four four four."}]}
        """;

    [Fact]
    public async Task Gemini_gets_inline_audio_and_the_domain_list_and_its_answer_becomes_segments_domain_and_tokens()
    {
        await using var stub = await StubServer.StartAsync((app, s) => app.MapPost("/v1beta/models/{**action}", async (HttpRequest request, string action) =>
        {
            s.Requests++;
            s.Expect(action == "gemini-2.0-flash:generateContent", "path " + action);
            s.Expect(request.Headers["x-goog-api-key"] == "test-key", "api key header");
            s.Expect(request.Headers.Authorization.Count == 0, "no platform token sent to the provider");
            using var body = await JsonDocument.ParseAsync(request.Body);
            var parts = body.RootElement.GetProperty("contents")[0].GetProperty("parts");
            s.Expect(parts[0].GetProperty("text").GetString()!.Contains("banking / card_replacement", StringComparison.Ordinal), "prompt lists the domains");
            var inline = parts[1].GetProperty("inline_data");
            s.Expect(inline.GetProperty("mime_type").GetString() == "audio/wav", "mime type");
            s.Expect(Convert.FromBase64String(inline.GetProperty("data").GetString()!).AsSpan().StartsWith("RIFF"u8), "base64 WAV data");
            s.Expect(body.RootElement.GetProperty("generationConfig").GetProperty("responseMimeType").GetString() == "application/json", "JSON mode");
            var response = new
            {
                candidates = new[] { new { content = new { parts = new[] { new { text = GeminiAnswer } }, role = "model" }, finishReason = "STOP", index = 0 } },
                usageMetadata = new { promptTokenCount = 1234, candidatesTokenCount = 56, totalTokenCount = 1290 },
                modelVersion = "gemini-2.0-flash",
            };
            return Results.Json(response);
        }));
        await using var host = new TranscriptionHost(new Dictionary<string, string?>
        {
            ["Transcription:Engine"] = "gemini", ["Transcription:Gemini:BaseUrl"] = stub.BaseUrl, ["Transcription:Gemini:ApiKey"] = "test-key",
        });

        var result = await PostAsync(host, audio.StereoWav);

        Assert.Empty(stub.Violations);
        Assert.Equal(1, stub.Requests);
        Assert.Equal("gemini", result.Engine);
        Assert.Equal(("banking", "card_replacement"), (result.Domain, result.Category));
        Assert.Equal([1234, 56], result.TokensStage1);
        Assert.Equal(["Agent", "Customer"], result.Segments.Select(s => s.Speaker));
        Assert.Contains("55554444", result.Segments[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("[00:00-00:02] Agent: Thank you for calling the bank", result.Transcription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAi_compatible_server_gets_one_channel_per_request_and_stereo_keeps_agent_and_customer()
    {
        await using var stub = await StubServer.StartAsync((app, s) => app.MapPost("/v1/audio/transcriptions", async (HttpRequest request) =>
        {
            s.Requests++;
            s.Expect(request.Headers.Authorization == "Bearer test-key", "bearer key");
            var form = await request.ReadFormAsync();
            s.Expect(form["model"] == "whisper-1", "model");
            s.Expect(form["response_format"] == "verbose_json", "response format");
            s.Expect(form["timestamp_granularities[]"] == "segment", "granularity");
            var file = form.Files.GetFile("file");
            s.Expect(file is { FileName: "audio.wav" }, "file part");
            using var stream = new MemoryStream();
            await file!.CopyToAsync(stream);
            var wav = stream.ToArray();
            s.Expect(wav.AsSpan().StartsWith("RIFF"u8) && BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)) == 1, "mono WAV");

            // Answer like Whisper would: the words of whoever speaks first on this channel.
            var start = FirstSound(wav);
            var text = start < 1 ? " Thank you for calling the bank." : " My card number is five five five five four four four four.";
            var answer = $$$"""
                {"task":"transcribe","language":"english","duration":10.2,"text":"{{{text}}}",
                 "segments":[{"id":0,"seek":0,"start":{{{start.ToString("0.00", CultureInfo.InvariantCulture)}}},"end":{{{(start + 2.5).ToString("0.00", CultureInfo.InvariantCulture)}}},"text":"{{{text}}}","tokens":[50364],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01}],
                 "usage":{"type":"tokens","input_tokens":100,"output_tokens":20,"total_tokens":120}}
                """;
            return StubServer.Json(answer);
        }));
        await using var host = new TranscriptionHost(new Dictionary<string, string?>
        {
            ["Transcription:Engine"] = "openai", ["Transcription:OpenAI:BaseUrl"] = stub.BaseUrl, ["Transcription:OpenAI:ApiKey"] = "test-key",
        });

        var result = await PostAsync(host, audio.StereoWav);

        Assert.Empty(stub.Violations);
        Assert.Equal(2, stub.Requests);
        Assert.Equal("openai", result.Engine);
        Assert.Equal(["Agent", "Customer"], result.Segments.Select(s => s.Speaker));
        Assert.Equal("My card number is 55554444.", result.Segments[1].Text);
        Assert.Equal([200, 40], result.TokensStage1);
        Assert.Equal("en", result.Language);
        Assert.Equal("banking", result.Domain);
    }

    [Fact]
    public async Task Provider_error_becomes_a_bad_gateway_problem()
    {
        await using var stub = await StubServer.StartAsync((app, s) => app.MapPost("/v1/audio/transcriptions", () =>
            Results.Json(new { error = new { message = "Invalid API key", type = "invalid_request_error" } }, statusCode: 401)));
        await using var host = new TranscriptionHost(new Dictionary<string, string?>
        {
            ["Transcription:Engine"] = "openai", ["Transcription:OpenAI:BaseUrl"] = stub.BaseUrl, ["Transcription:OpenAI:ApiKey"] = "wrong",
        });
        using var client = host.CreateAuthorizedClient();
        using var form = Form(audio.MonoMp3, "audio/mpeg");

        using var response = await client.PostAsync("/transcribe", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("401", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static double FirstSound(byte[] wav)
    {
        for (var i = 44; i + 1 < wav.Length; i += 2)
        {
            if (Math.Abs(BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(i))) > 500)
            {
                return (i - 44) / 2 / 16000.0;
            }
        }

        return 0;
    }

    private static MultipartFormDataContent Form(string path, string type)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", Path.GetFileName(path));
        return form;
    }

    private static async Task<TranscriptionResponse> PostAsync(TranscriptionHost host, string path)
    {
        using var client = host.CreateAuthorizedClient();
        using var form = Form(path, "audio/wav");
        using var response = await client.PostAsync("/transcribe", form, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<TranscriptionResponse>(body)!;
    }
}
