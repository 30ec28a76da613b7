using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MagicHub.Prompts.Contracts;
using MagicHub.Transcription.Audio;
using MagicHub.Transcription.Engines.PocketSphinx;
using MagicHub.Transcription.Vad;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines.Cloud;

/// <summary>
/// Any OpenAI-compatible <c>POST /v1/audio/transcriptions</c> server (OpenAI, Groq, whisper.cpp server, Speaches).
/// Stereo is sent one channel at a time so each party keeps its label; mono speakers are inferred from pitch.
/// </summary>
internal sealed class OpenAiSpeechEngine(HttpClient http, IOptions<OpenAiSpeechOptions> options, IOptions<TranscriptionOptions> service) : ISpeechEngine
{
    public const string HttpClientName = "openai-speech";
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        ["audio/mpeg"] = "mp3", ["audio/wav"] = "wav", ["audio/flac"] = "flac", ["audio/ogg"] = "ogg", ["audio/webm"] = "webm", ["audio/mp4"] = "m4a",
    };

    public string Name => "openai";

    public async Task<EngineResult> TranscribeAsync(AudioUpload upload, DecodedAudio audio, DomainCatalog catalog, CancellationToken cancellationToken)
    {
        if (audio.IsStereo)
        {
            var channels = await Task.WhenAll(audio.Channels.Select(pcm => PostAsync(WavWriter.Mono(pcm), "wav", cancellationToken)));
            var agent = service.Value.AgentChannelIndex;
            var segments = channels.SelectMany((r, c) => r.Segments.Select(s => s with { Speaker = c == agent ? "Agent" : "Customer" }))
                .OrderBy(s => s.Start).ToList();
            return new EngineResult(segments, channels[0].Language, Name, channels.Sum(c => c.InputTokens), channels.Sum(c => c.OutputTokens));
        }

        var (bytes, extension) = Extensions.TryGetValue(upload.MimeType, out var ext)
            ? (await File.ReadAllBytesAsync(upload.Path, cancellationToken), ext)
            : (WavWriter.Mono(audio.Channels[0]), "wav");
        var result = await PostAsync(bytes, extension, cancellationToken);
        var regions = result.Segments.Select(s => new SpeechRegion(s.Start, s.End)).ToList();
        var labels = PitchSpeakerLabeler.Label(audio.Channels[0], regions);
        return new EngineResult([.. result.Segments.Select((s, i) => s with { Speaker = labels[i] })], result.Language, Name, result.InputTokens, result.OutputTokens);
    }

    private async Task<EngineResult> PostAsync(byte[] audio, string extension, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue(extension == "mp3" ? "audio/mpeg" : "audio/" + extension);
        form.Add(file, "file", "audio." + extension);
        form.Add(new StringContent(o.Model), "model");
        form.Add(new StringContent("verbose_json"), "response_format");
        form.Add(new StringContent("segment"), "timestamp_granularities[]");
        if (!string.IsNullOrWhiteSpace(o.Language))
        {
            form.Add(new StringContent(o.Language), "language");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.BaseUrl.TrimEnd('/')}/v1/audio/transcriptions") { Content = form };
        var key = string.IsNullOrWhiteSpace(o.ApiKey) ? Environment.GetEnvironmentVariable("OPENAI_API_KEY") : o.ApiKey;
        if (!string.IsNullOrWhiteSpace(key))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SpeechProviderException($"The transcription server answered {(int)response.StatusCode}: {GeminiSpeechEngine.Truncate(text)}");
        }

        return Parse(text);
    }

    internal EngineResult Parse(string json)
    {
        try
        {
            var root = JsonNode.Parse(json)!;
            var segments = root["segments"] is JsonArray array
                ? array.Select(s => new EngineSegment(
                    s!["start"]!.GetValue<double>(),
                    s["end"]!.GetValue<double>(),
                    "Speaker",
                    s["text"]!.GetValue<string>().Trim(),
                    Math.Round(Math.Exp(Math.Min(0, s["avg_logprob"]?.GetValue<double>() ?? 0)), 3))).ToList()
                : [new EngineSegment(0, root["duration"]?.GetValue<double>() ?? 0, "Speaker", root["text"]!.GetValue<string>().Trim(), 1)];
            var usage = root["usage"];
            var tokens = usage?["type"]?.GetValue<string>() == "tokens";
            return new EngineResult(
                [.. segments.Where(s => s.RawText.Length > 0)],
                Language(root["language"]?.GetValue<string>()),
                Name,
                tokens ? usage!["input_tokens"]?.GetValue<int>() ?? 0 : 0,
                tokens ? usage!["output_tokens"]?.GetValue<int>() ?? 0 : 0);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new SpeechProviderException("The transcription server's answer is not verbose_json: " + GeminiSpeechEngine.Truncate(json), ex);
        }
    }

    // verbose_json names the language in English ("english"); the API reports ISO 639-1 codes.
    private static string Language(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" => "en",
        "english" => "en",
        "spanish" => "es",
        "french" => "fr",
        "german" => "de",
        "vietnamese" => "vi",
        "italian" => "it",
        "portuguese" => "pt",
        var code when code.Length == 2 => code,
        var other => other,
    };
}
