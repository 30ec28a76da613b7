using System.Text.Json.Nodes;
using MagicHub.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace MagicHub.AI.Tests;

/// <summary>Both providers against a local server that checks the real request shapes; no test reaches the internet.</summary>
public sealed class ChatModelTests : IAsyncLifetime
{
    private FakeModelServer server = null!;

    public async ValueTask InitializeAsync() => server = await FakeModelServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private static readonly ChatMessage[] Messages =
    [
        new(ChatRole.System, "Extract the order number and amount as JSON {\"order_number\": string, \"amount\": number}."),
        new(ChatRole.User, "Customer: my order 480311 cost 25.50 dollars."),
    ];

    /// <summary>The schema check: order_number a string, amount a number.</summary>
    private static IReadOnlyList<string> Check(JsonObject json)
    {
        var problems = new List<string>();
        if (json["order_number"] is not JsonValue o || !o.TryGetValue<string>(out _)) problems.Add("order_number must be a string.");
        if (json["amount"] is not JsonValue a || !a.TryGetValue<double>(out _)) problems.Add("amount must be a number.");
        return problems;
    }

    private ChatModel Model(ChatProvider provider, int maxRetries = 3) => new(Options.Create(new AIOptions
    {
        Provider = provider,
        BaseUrl = provider == ChatProvider.Gemini ? server.BaseAddress.ToString() : server.OpenAIBaseUrl,
        Model = provider == ChatProvider.Gemini ? "gemini-test" : "gpt-test",
        ApiKey = "test-key",
        MaxRetries = maxRetries,
        RetryBaseDelayMs = 10,
        TimeoutSeconds = 10,
    }), TimeProvider.System, NullLogger<ChatModel>.Instance);

    private static string Answer(ChatProvider provider, string text, int input, int output) =>
        provider == ChatProvider.Gemini ? FakeModelServer.GeminiAnswer(text, input, output) : FakeModelServer.OpenAIAnswer(text, input, output);

    private void AssertEveryRequestHadTheRealShape(ChatProvider provider)
    {
        Assert.All(server.Requests, r =>
        {
            Assert.Empty(r.ShapeProblems);
            Assert.Equal("test-key", r.ApiKey);
            Assert.Equal(provider == ChatProvider.Gemini ? "/v1beta/models/gemini-test:generateContent" : "/v1/chat/completions", r.Path);
        });
    }

    [Theory]
    [InlineData(ChatProvider.OpenAICompatible)]
    [InlineData(ChatProvider.Gemini)]
    public async Task Valid_json_gives_typed_fields_and_token_usage(ChatProvider provider)
    {
        server.Then(200, Answer(provider, "{\"order_number\": \"480311\", \"amount\": 25.5}", 120, 17));
        using var model = Model(provider);
        var result = await model.CompleteJsonAsync(Messages, Check, TestContext.Current.CancellationToken);
        Assert.Equal("480311", result.Json["order_number"]!.GetValue<string>());
        Assert.Equal(25.5, result.Json["amount"]!.GetValue<double>());
        Assert.Equal((120L, 17L, 1), (result.InputTokens, result.OutputTokens, result.Requests));
        AssertEveryRequestHadTheRealShape(provider);
        var body = Assert.Single(server.Requests).Body!;
        if (provider == ChatProvider.Gemini)
        {
            Assert.Contains("order number", body["systemInstruction"]!["parts"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("user", body["contents"]![0]!["role"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal("gpt-test", body["model"]!.GetValue<string>());
            Assert.Equal(["system", "user"], body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
            Assert.Equal("json_object", body["response_format"]!["type"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData(ChatProvider.OpenAICompatible)]
    [InlineData(ChatProvider.Gemini)]
    public async Task Invalid_json_gets_exactly_one_repair_request_then_succeeds(ChatProvider provider)
    {
        server.Then(200, Answer(provider, "Sure! {\"order_number\": \"480311\", amount: }", 100, 10))
              .Then(200, Answer(provider, "```json\n{\"order_number\": \"480311\", \"amount\": 25.5}\n```", 130, 12));
        using var model = Model(provider);
        var result = await model.CompleteJsonAsync(Messages, Check, TestContext.Current.CancellationToken);
        Assert.Equal(25.5, result.Json["amount"]!.GetValue<double>());
        Assert.Equal((230L, 22L, 2), (result.InputTokens, result.OutputTokens, result.Requests));
        AssertEveryRequestHadTheRealShape(provider);
        Assert.Equal(2, server.Requests.Count);
        var repair = server.Requests.Last().Body!.ToJsonString();
        Assert.Contains("not valid JSON", repair, StringComparison.Ordinal);
        Assert.Contains("amount: }", repair, StringComparison.Ordinal); // the bad answer is sent back as the assistant turn
    }

    [Theory]
    [InlineData(ChatProvider.OpenAICompatible)]
    [InlineData(ChatProvider.Gemini)]
    public async Task Rate_limit_then_success_is_retried(ChatProvider provider)
    {
        server.Then(429, FakeModelServer.Error(429, "Resource has been exhausted"))
              .Then(503, FakeModelServer.Error(503, "overloaded"))
              .Then(200, Answer(provider, "{\"order_number\": \"1\", \"amount\": 2}", 50, 5));
        using var model = Model(provider);
        var result = await model.CompleteJsonAsync(Messages, Check, TestContext.Current.CancellationToken);
        Assert.Equal("1", result.Json["order_number"]!.GetValue<string>());
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(1, result.Requests);
        AssertEveryRequestHadTheRealShape(provider);
    }

    [Theory]
    [InlineData(ChatProvider.OpenAICompatible)]
    [InlineData(ChatProvider.Gemini)]
    public async Task Persistent_server_errors_fail_after_the_configured_retries(ChatProvider provider)
    {
        for (var i = 0; i < 5; i++) server.Then(500, FakeModelServer.Error(500, "internal"));
        using var model = Model(provider, maxRetries: 2);
        await Assert.ThrowsAsync<ChatModelException>(() => model.CompleteJsonAsync(Messages, Check, TestContext.Current.CancellationToken));
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData(ChatProvider.OpenAICompatible)]
    [InlineData(ChatProvider.Gemini)]
    public async Task Client_errors_are_not_retried(ChatProvider provider)
    {
        server.Then(401, FakeModelServer.Error(401, "API key not valid"));
        using var model = Model(provider);
        await Assert.ThrowsAsync<ChatModelException>(() => model.CompleteJsonAsync(Messages, Check, TestContext.Current.CancellationToken));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(ChatProvider.OpenAICompatible)]
    [InlineData(ChatProvider.Gemini)]
    public async Task Schema_violation_is_repaired_once_and_a_second_violation_fails(ChatProvider provider)
    {
        server.Then(200, Answer(provider, "{\"order_number\": 480311, \"amount\": \"25 dollars\"}", 10, 10))
              .Then(200, Answer(provider, "{\"order_number\": \"480311\", \"amount\": \"twenty five\"}", 10, 10));
        using var model = Model(provider);
        var ex = await Assert.ThrowsAsync<ChatModelException>(() => model.CompleteJsonAsync(Messages, Check, TestContext.Current.CancellationToken));
        Assert.Contains("amount must be a number", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
        var repair = server.Requests.Last().Body!.ToJsonString();
        Assert.Contains("order_number must be a string", repair, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_provider_is_not_configured_and_sends_nothing()
    {
        using var model = Model(ChatProvider.Offline);
        Assert.False(model.IsConfigured);
        await Assert.ThrowsAsync<ChatModelException>(() => model.CompleteJsonAsync(Messages, Check, TestContext.Current.CancellationToken));
        Assert.Empty(server.Requests);
    }
}
