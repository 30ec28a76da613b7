using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace MagicHub.AI.Gemini;

/// <summary>
/// Microsoft.Extensions.AI chat client for Gemini's REST <c>POST v1beta/models/{model}:generateContent</c>: system messages
/// become <c>systemInstruction</c>, the rest <c>contents</c>; JSON mode sets <c>generationConfig.responseMimeType</c>;
/// <c>usageMetadata</c> becomes <see cref="UsageDetails"/>. A non-success status throws <see cref="HttpRequestException"/> with it.
/// </summary>
/// <param name="http">A client whose base address is the API root.</param>
/// <param name="model">The default model name.</param>
/// <param name="apiKey">Sent as the <c>x-goog-api-key</c> header.</param>
public sealed class GeminiChatClient(HttpClient http, string model, string apiKey) : IChatClient
{
    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var modelId = options?.ModelId ?? model;
        var generation = new JsonObject { ["temperature"] = options?.Temperature ?? 0 };
        if (options?.ResponseFormat is ChatResponseFormatJson) generation["responseMimeType"] = "application/json";
        var body = new JsonObject
        {
            ["contents"] = new JsonArray(list.Where(m => m.Role != ChatRole.System).Select(m => (JsonNode)new JsonObject
            {
                ["role"] = m.Role == ChatRole.Assistant ? "model" : "user",
                ["parts"] = new JsonArray(new JsonObject { ["text"] = m.Text }),
            }).ToArray()),
            ["generationConfig"] = generation,
        };
        var system = string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        if (system.Length > 0) body["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = system }) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1beta/models/{Uri.EscapeDataString(modelId)}:generateContent") { Content = JsonContent.Create(body, GeminiJsonContext.Default.JsonObject) };
        request.Headers.Add("x-goog-api-key", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Gemini answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync(GeminiJsonContext.Default.JsonObject, cancellationToken) ?? [];
        var parts = json["candidates"]?[0]?["content"]?["parts"] as JsonArray ?? [];
        var usage = json["usageMetadata"];
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(parts.Select(p => p?["text"]?.GetValue<string>()))))
        {
            ModelId = json["modelVersion"]?.GetValue<string>() ?? modelId,
            FinishReason = json["candidates"]?[0]?["finishReason"]?.GetValue<string>() is "MAX_TOKENS" ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = usage?["promptTokenCount"]?.GetValue<long>(),
                OutputTokenCount = usage?["candidatesTokenCount"]?.GetValue<long>(),
                TotalTokenCount = usage?["totalTokenCount"]?.GetValue<long>(),
            },
        };
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Streaming is not implemented for Gemini; use GetResponseAsync.");

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
