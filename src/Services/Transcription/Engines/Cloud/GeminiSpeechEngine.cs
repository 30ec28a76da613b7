using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagicHub.Prompts.Contracts;
using MagicHub.Transcription.Audio;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines.Cloud;

/// <summary>
/// Gemini <c>generateContent</c> with the audio inline: one call returns speaker-labelled segments and the call's
/// domain/category chosen from the registry, with token usage from <c>usageMetadata</c>.
/// </summary>
internal sealed class GeminiSpeechEngine(HttpClient http, IOptions<GeminiOptions> options) : ISpeechEngine
{
    public const string HttpClientName = "gemini";
    private const long MaxInlineBytes = 19L * 1024 * 1024; // requests are capped at 20 MB including the prompt
    private static readonly HashSet<string> InlineTypes = ["audio/wav", "audio/mp3", "audio/aiff", "audio/aac", "audio/ogg", "audio/flac"];

    public string Name => "gemini";

    public async Task<EngineResult> TranscribeAsync(AudioUpload upload, DecodedAudio audio, DomainCatalog catalog, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var key = string.IsNullOrWhiteSpace(o.ApiKey) ? Environment.GetEnvironmentVariable("GEMINI_API_KEY") : o.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new SpeechProviderException("Gemini needs an API key (Transcription:Gemini:ApiKey or GEMINI_API_KEY).");
        }

        var mime = upload.MimeType == "audio/mpeg" ? "audio/mp3" : upload.MimeType;
        var bytes = InlineTypes.Contains(mime) ? await File.ReadAllBytesAsync(upload.Path, cancellationToken) : WavWriter.Mono(Mix(audio));
        mime = InlineTypes.Contains(mime) ? mime : "audio/wav";
        if (bytes.Length > MaxInlineBytes)
        {
            throw new SpeechProviderException($"The audio ({bytes.Length} bytes) is too large for Gemini inline audio (limit {MaxInlineBytes} bytes).");
        }

        var body = new JsonObject
        {
            ["contents"] = new JsonArray(new JsonObject
            {
                ["parts"] = new JsonArray(
                    new JsonObject { ["text"] = Prompt(catalog, audio.IsStereo) },
                    new JsonObject { ["inline_data"] = new JsonObject { ["mime_type"] = mime, ["data"] = Convert.ToBase64String(bytes) } }),
            }),
            ["generationConfig"] = new JsonObject { ["responseMimeType"] = "application/json", ["temperature"] = 0 },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.BaseUrl.TrimEnd('/')}/v1beta/models/{Uri.EscapeDataString(o.Model)}:generateContent")
        {
            Content = JsonContent.Create(body, TranscriptionJsonContext.Default.JsonObject),
        };
        request.Headers.Add("x-goog-api-key", key);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SpeechProviderException($"Gemini answered {(int)response.StatusCode}: {Truncate(text)}");
        }

        return Parse(text);
    }

    internal EngineResult Parse(string responseJson)
    {
        try
        {
            var root = JsonNode.Parse(responseJson)!;
            var parts = root["candidates"]![0]!["content"]!["parts"]!.AsArray();
            var answer = string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? ""));
            var json = JsonNode.Parse(StripFences(answer))!;
            var segments = json["segments"]!.AsArray().Select(s => new EngineSegment(
                Seconds(s!["start"]), Seconds(s["end"]), Speaker(s["speaker"]?.GetValue<string>()), s["text"]?.GetValue<string>()?.Trim() ?? "", 1.0))
                .Where(s => s.RawText.Length > 0)
                .ToList();
            var usage = root["usageMetadata"];
            return new EngineResult(
                segments,
                json["language"]?.GetValue<string>() ?? "en",
                Name,
                usage?["promptTokenCount"]?.GetValue<int>() ?? 0,
                usage?["candidatesTokenCount"]?.GetValue<int>() ?? 0,
                json["domain"]?.GetValue<string>(),
                json["category"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new SpeechProviderException("Gemini's answer is not the requested transcript JSON: " + Truncate(responseJson), ex);
        }
    }

    internal static string Prompt(DomainCatalog catalog, bool stereo)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Transcribe this customer-service call verbatim. Split it into speaker turns and label each turn \"Agent\" or \"Customer\".");
        if (stereo)
        {
            sb.AppendLine("The recording is stereo with one party per channel.");
        }

        sb.AppendLine("Write numbers as digits (card, phone and order numbers as digit strings). Give start and end of each turn in seconds.");
        sb.AppendLine("Then pick the call's business domain and category from this list (use \"unknown\" for both when none fits):");
        foreach (var d in catalog.Domains)
        {
            foreach (var c in d.Categories)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"- {d.Domain} / {c.Category}: {c.Description}");
            }
        }

        sb.AppendLine("Answer with JSON only, exactly this shape:");
        sb.Append("{\"language\": \"<ISO 639-1 code>\", \"domain\": \"<domain>\", \"category\": \"<category>\", ");
        sb.Append("\"segments\": [{\"start\": 0.0, \"end\": 4.2, \"speaker\": \"Agent\", \"text\": \"...\"}]}");
        return sb.ToString();
    }

    private static double Seconds(JsonNode? node)
    {
        if (node is null)
        {
            return 0;
        }

        if (node.GetValueKind() == JsonValueKind.Number)
        {
            return node.GetValue<double>();
        }

        var text = node.GetValue<string>();
        var parts = text.Split(':');
        return parts.Aggregate(0.0, (acc, p) => (acc * 60) + double.Parse(p, CultureInfo.InvariantCulture));
    }

    private static string Speaker(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        "agent" => "Agent",
        "customer" or "caller" => "Customer",
        null or "" => "Speaker",
        var other => char.ToUpperInvariant(other[0]) + other[1..],
    };

    private static string StripFences(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("```", StringComparison.Ordinal))
        {
            t = t[(t.IndexOf('\n', StringComparison.Ordinal) + 1)..];
            t = t.EndsWith("```", StringComparison.Ordinal) ? t[..^3] : t;
        }

        return t.Trim();
    }

    private static short[] Mix(DecodedAudio audio) => audio.IsStereo
        ? [.. audio.Channels[0].Zip(audio.Channels[1], (l, r) => (short)((l + r) / 2))]
        : audio.Channels[0];

    internal static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
