using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Testing;

/// <summary>One request the fake model server received, and what was wrong with its shape (empty when it matched the real API).</summary>
public sealed record ModelRequest(string Path, string Query, string? ApiKey, JsonObject? Body, IReadOnlyList<string> ShapeProblems);

/// <summary>
/// A local stand-in for the Gemini and OpenAI chat APIs on real Kestrel on a free loopback port. It checks each request
/// against the shape the real API expects (OpenAI: <c>POST /v1/chat/completions</c>, bearer key, <c>model</c>, <c>messages</c>,
/// <c>response_format</c> json; Gemini: <c>POST /v1beta/models/{model}:generateContent</c>, key as <c>x-goog-api-key</c> or
/// <c>?key=</c>, <c>contents</c>, <c>generationConfig.responseMimeType</c>), answers a malformed one with 400, and otherwise
/// plays the scripted answers in order (500 when none is left).
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body)> _script = new();

    private FakeModelServer(WebApplication app) => _app = app;

    /// <summary>Its root, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OpenAI-compatible <c>/v1</c> root.</summary>
    public string OpenAIBaseUrl => new Uri(BaseAddress, "v1").ToString();

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<ModelRequest> Requests { get; } = new();

    /// <summary>Starts the server.</summary>
    public static async Task<FakeModelServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Create();
        var server = new FakeModelServer(app);
        app.Run(server.HandleAsync);
        server.BaseAddress = new Uri(await app.StartOnLoopbackAsync(cancellationToken) + "/");
        return server;
    }

    /// <summary>Queues an answer.</summary>
    public FakeModelServer Then(int status, string body)
    {
        _script.Enqueue((status, body));
        return this;
    }

    /// <summary>An OpenAI chat completion whose message content is <paramref name="content"/>, with usage.</summary>
    public static string OpenAIAnswer(string content, int promptTokens, int completionTokens) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "gpt-4o-mini-2024-07-18",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens },
    }.ToJsonString();

    /// <summary>A Gemini <c>generateContent</c> answer whose text is <paramref name="text"/>, with usageMetadata.</summary>
    public static string GeminiAnswer(string text, int promptTokens, int candidateTokens) => new JsonObject
    {
        ["candidates"] = new JsonArray(new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) },
            ["finishReason"] = "STOP",
            ["index"] = 0,
        }),
        ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = promptTokens, ["candidatesTokenCount"] = candidateTokens, ["totalTokenCount"] = promptTokens + candidateTokens },
        ["modelVersion"] = "gemini-2.0-flash",
    }.ToJsonString();

    /// <summary>An error body in the provider's shape.</summary>
    public static string Error(int status, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = "RESOURCE_EXHAUSTED" } }.ToJsonString();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        JsonObject? body = null;
        var problems = new List<string>();
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException ex)
        {
            problems.Add("body is not JSON: " + ex.Message);
        }
        if (context.Request.Method != "POST") problems.Add("method must be POST");
        if (!(context.Request.ContentType ?? "").StartsWith("application/json", StringComparison.Ordinal)) problems.Add("content type must be application/json");
        string? key;
        if (path == "/v1/chat/completions")
        {
            var auth = context.Request.Headers.Authorization.ToString();
            key = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
            problems.AddRange(OpenAIProblems(body));
        }
        else if (path.StartsWith("/v1beta/models/", StringComparison.Ordinal) && path.EndsWith(":generateContent", StringComparison.Ordinal))
        {
            key = context.Request.Headers["x-goog-api-key"].FirstOrDefault() ?? context.Request.Query["key"].FirstOrDefault();
            problems.AddRange(GeminiProblems(body));
        }
        else
        {
            key = null;
            problems.Add($"unknown path {path}");
        }
        if (string.IsNullOrEmpty(key)) problems.Add("no API key");
        Requests.Enqueue(new ModelRequest(path, context.Request.QueryString.Value ?? "", key, body, problems));
        var (status, answer) = problems.Count > 0 ? (400, Error(400, string.Join("; ", problems)))
            : _script.TryDequeue(out var next) ? next : (500, Error(500, "no scripted answer left"));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    private static IEnumerable<string> OpenAIProblems(JsonObject? body)
    {
        if (body?["model"] is not JsonValue model || model.GetValue<string>().Length == 0) yield return "model is required";
        if (body?["messages"] is not JsonArray { Count: > 0 } messages) yield return "messages must be a non-empty array";
        else if (messages.Any(m => m?["role"]?.GetValue<string>() is not ("system" or "user" or "assistant") || m["content"] is null)) yield return "each message needs a role and content";
        if (body?["response_format"]?["type"]?.GetValue<string>() is not ("json_object" or "json_schema")) yield return "response_format.type must be json_object";
    }

    private static IEnumerable<string> GeminiProblems(JsonObject? body)
    {
        if (body?["contents"] is not JsonArray { Count: > 0 } contents) yield return "contents must be a non-empty array";
        else if (contents.Any(c => c?["role"]?.GetValue<string>() is not ("user" or "model") || c["parts"] is not JsonArray { Count: > 0 } parts || parts.Any(p => p?["text"] is null)))
            yield return "each content needs role user|model and parts with text";
        if (body?["generationConfig"]?["responseMimeType"]?.GetValue<string>() != "application/json") yield return "generationConfig.responseMimeType must be application/json";
        if (body?["systemInstruction"] is { } system && system["parts"] is not JsonArray) yield return "systemInstruction needs parts";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
