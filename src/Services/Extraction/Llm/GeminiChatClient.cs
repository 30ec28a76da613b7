using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace MagicHub.Extraction.Llm;

/// <summary>Microsoft.Extensions.AI chat client for Gemini's <c>models/{model}:generateContent</c> REST API (JSON output mode).</summary>
public sealed class GeminiChatClient(HttpClient http, string model, string apiKey) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var system = string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var contents = new JsonArray(list.Where(m => m.Role != ChatRole.System).Select(m => (JsonNode)new JsonObject
        {
            ["role"] = m.Role == ChatRole.Assistant ? "model" : "user",
            ["parts"] = new JsonArray(new JsonObject { ["text"] = m.Text }),
        }).ToArray());
        var body = new JsonObject
        {
            ["contents"] = contents,
            ["generationConfig"] = new JsonObject { ["responseMimeType"] = "application/json", ["temperature"] = options?.Temperature ?? 0 },
        };
        if (system.Length > 0) body["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = system }) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1beta/models/{Uri.EscapeDataString(options?.ModelId ?? model)}:generateContent")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add("x-goog-api-key", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Gemini answered {(int)response.StatusCode}", null, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) ?? [];
        var text = string.Concat(json["candidates"]?[0]?["content"]?["parts"]?.AsArray().Select(p => p?["text"]?.GetValue<string>()) ?? []);
        var usage = json["usageMetadata"];
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = model,
            Usage = new UsageDetails
            {
                InputTokenCount = usage?["promptTokenCount"]?.GetValue<long>(),
                OutputTokenCount = usage?["candidatesTokenCount"]?.GetValue<long>(),
            },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Streaming is not used by the extraction service.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
