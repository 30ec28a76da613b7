using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MagicHub.Extraction.Contracts;
using MagicHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace MagicHub.Extraction.Tests;

/// <summary>POST /extract with Gemini or an OpenAI-compatible model served by a local shape-checking fake.</summary>
public sealed class ExtractWithModelTests : IAsyncLifetime
{
    private FakeModelServer server = null!;

    public async ValueTask InitializeAsync() => server = await FakeModelServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private WebApplicationFactory<Program> Service(string provider) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.TrustTestTokens().UseSetting("Extraction:PromptsUrl", "http://127.0.0.1:9"); // built-in prompts
        b.UseSetting("AI:Provider", provider);
        b.UseSetting("AI:BaseUrl", provider == "Gemini" ? server.BaseAddress.ToString() : server.OpenAIBaseUrl);
        b.UseSetting("AI:Model", provider == "Gemini" ? "gemini-test" : "gpt-test");
        b.UseSetting("AI:ApiKey", "test-key");
        b.UseSetting("AI:RetryBaseDelayMs", "10");
    });

    private static string Answer(string provider, string json, int input, int output) =>
        provider == "Gemini" ? FakeModelServer.GeminiAnswer(json, input, output) : FakeModelServer.OpenAIAnswer(json, input, output);

    private static readonly TranscriptSegment[] Call =
    [
        new("agent", 0, 3, "Harbor Bank card services, this is Victor."),
        new("customer", 3.5, 8, "Hi, this is Helen Wright. I lost my debit card."),
        new("customer", 8.5, 14, "The number is 4111 1111 1111 1111."),
        new("agent", 14.5, 18, "It is blocked; a new card arrives in three business days."),
    ];

    private static string ModelJson(string deliveryDays) => new JsonObject
    {
        ["domain_specific_data"] = new JsonObject { ["reason"] = "lost card", ["delivery_days"] = JsonNode.Parse(deliveryDays) },
        ["agent_name"] = "Victor",
        ["customer_name"] = "Helen Wright",
        ["call_direction"] = "inbound",
        ["interaction_type"] = "support",
        ["sentiment"] = "neutral",
        ["intent"] = "replace lost card",
        ["summary"] = "The customer lost her debit card; the agent blocked it and ordered a replacement.",
    }.ToJsonString();

    [Theory]
    [InlineData("OpenAICompatible", "openai")]
    [InlineData("Gemini", "gemini")]
    public async Task Model_answer_gives_typed_fields_and_token_usage_while_pii_stays_offline(string provider, string engine)
    {
        var ct = TestContext.Current.CancellationToken;
        server.Then(200, Answer(provider, ModelJson("3"), 812, 96));
        using var factory = Service(provider);
        var res = await factory.CreateAuthorizedClient().PostAsJsonAsync("/extract", new ExtractRequest(null, Call, "banking", "card_replacement"), ct);
        var body = (await res.Content.ReadFromJsonAsync<ExtractResponse>(ct))!;
        Assert.Equal(engine, body.Engine);
        Assert.Equal([812L, 96L], body.TokensCombined);
        Assert.Equal(3m, body.DomainSpecificData["delivery_days"]!.GetValue<decimal>());
        Assert.Equal("The customer lost her debit card; the agent blocked it and ordered a replacement.", body.GeneralMetrics.Summary);
        Assert.Equal("************1111", Assert.Single(body.GeneralMetrics.Pii, p => p.Type == "card_number").ValueRedacted);
        var request = Assert.Single(server.Requests);
        Assert.Empty(request.ShapeProblems);
        Assert.Contains("delivery_days", request.Body!.ToJsonString(), StringComparison.Ordinal); // the field schema is in the prompt
    }

    [Theory]
    [InlineData("OpenAICompatible")]
    [InlineData("Gemini")]
    public async Task Field_of_the_wrong_type_is_repaired_once(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        server.Then(200, Answer(provider, ModelJson("\"three-ish\""), 800, 90)).Then(200, Answer(provider, ModelJson("3"), 900, 80));
        using var factory = Service(provider);
        var res = await factory.CreateAuthorizedClient().PostAsJsonAsync("/extract", new ExtractRequest(null, Call, "banking", "card_replacement"), ct);
        var body = (await res.Content.ReadFromJsonAsync<ExtractResponse>(ct))!;
        Assert.Equal(3m, body.DomainSpecificData["delivery_days"]!.GetValue<decimal>());
        Assert.Equal([1700L, 170L], body.TokensCombined);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("delivery_days", server.Requests.Last().Body!.ToJsonString().Split("cannot be used")[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OpenAICompatible")]
    [InlineData("Gemini")]
    public async Task Invalid_json_twice_falls_back_to_the_offline_result(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        server.Then(200, Answer(provider, "not json", 10, 2)).Then(200, Answer(provider, "{\"still\": ", 10, 2));
        using var factory = Service(provider);
        var res = await factory.CreateAuthorizedClient().PostAsJsonAsync("/extract", new ExtractRequest(null, Call, "banking", "card_replacement"), ct);
        var body = (await res.Content.ReadFromJsonAsync<ExtractResponse>(ct))!;
        Assert.Equal("offline-fallback", body.Engine);
        Assert.Equal("lost card", body.DomainSpecificData["reason"]!.GetValue<string>());
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Rate_limited_model_is_retried()
    {
        var ct = TestContext.Current.CancellationToken;
        server.Then(429, FakeModelServer.Error(429, "quota")).Then(200, Answer("Gemini", ModelJson("3"), 700, 70));
        using var factory = Service("Gemini");
        var res = await factory.CreateAuthorizedClient().PostAsJsonAsync("/extract", new ExtractRequest(null, Call, "banking", "card_replacement"), ct);
        var body = (await res.Content.ReadFromJsonAsync<ExtractResponse>(ct))!;
        Assert.Equal("gemini", body.Engine);
        Assert.Equal(2, server.Requests.Count);
    }
}
