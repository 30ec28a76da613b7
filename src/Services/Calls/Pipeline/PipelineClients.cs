using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Extraction.Contracts;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Calls.Pipeline;

/// <summary>The transcription service: audio in, timed transcript with domain and category out.</summary>
public sealed class TranscriptionClient(HttpClient http)
{
    /// <summary>Posts the audio as a multipart <c>file</c> to <c>POST /transcribe</c>; returns the raw JSON answer.</summary>
    public async Task<JsonElement> TranscribeAsync(Stream audio, string fileName, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var response = await http.PostAsync("transcribe", form, ct);
        return await PipelineHttp.ReadJsonAsync(response, "transcription", ct);
    }
}

/// <summary>The prompts service: validates a domain/category pair or generates its prompt.</summary>
public sealed class PromptsClient(HttpClient http)
{
    public async Task<JsonElement> ValidateAndGenerateAsync(string domain, string category, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("validate-and-generate", new ValidateAndGenerateRequest(domain, category), PromptsJsonContext.Default.ValidateAndGenerateRequest, ct);
        return await PipelineHttp.ReadJsonAsync(response, "prompts", ct);
    }
}

/// <summary>The extraction service: domain-specific fields and general metrics of a transcript.</summary>
public sealed class ExtractionClient(HttpClient http)
{
    public async Task<JsonElement> ExtractAsync(ExtractRequest request, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("extract", request, CallsJsonContext.Default.ExtractRequest, ct);
        return await PipelineHttp.ReadJsonAsync(response, "extraction", ct);
    }
}

internal static class PipelineHttp
{
    /// <summary>Success → the JSON body; a 4xx other than 408/429 → <see cref="StepFailedException"/>; anything else → retryable.</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string service, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadFromJsonAsync(CallsJsonContext.Default.JsonElement, ct);
        }
        var body = await response.Content.ReadAsStringAsync(ct);
        var detail = ProblemDetail(body) ?? response.ReasonPhrase ?? "";
        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
        {
            throw new StepFailedException($"{service} rejected the call ({status}): {detail}");
        }
        throw new HttpRequestException($"{service} answered {status}: {detail}", null, response.StatusCode);
    }

    private static string? ProblemDetail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }
}
