using System.Net;
using System.Net.Http.Json;
using System.Text;
using MagicHub.Extraction.Contracts;
using MagicHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace MagicHub.Extraction.Tests;

public sealed class ExtractApiTests : IDisposable
{
    private readonly CapturingLoggerProvider logs = new();
    private readonly WebApplicationFactory<Program> factory;

    public ExtractApiTests() => factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        // Nothing listens here: the prompts client must fall back to the built-in prompts.
        b.TrustTestTokens().UseSetting("Extraction:PromptsUrl", "http://127.0.0.1:9");
        b.ConfigureServices(s => s.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
    });

    private static readonly TranscriptSegment[] CardCall =
    [
        new("agent", 0, 3, "Harbor Bank card services, this is Victor."),
        new("customer", 3.5, 8, "Hi, this is Helen Wright. I lost my debit card and I am worried someone will use it."),
        new("agent", 8.5, 11, "I will block it right away. What is the card number?"),
        new("customer", 11.5, 17, "Four one one one, one one one one, one one one one, one one one one."),
        new("agent", 17.5, 21, "The card is blocked. A replacement will arrive in three business days."),
        new("customer", 21.5, 25, "Three days is annoying. This is really frustrating."),
    ];

    [Fact]
    public async Task Card_number_is_detected_redacted_and_never_logged()
    {
        var http = factory.CreateAuthorizedClient();
        var res = await http.PostAsJsonAsync("/extract", new ExtractRequest(null, CardCall, "banking", "card_replacement"), TestContext.Current.CancellationToken);
        res.EnsureSuccessStatusCode();
        var raw = await res.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = System.Text.Json.JsonSerializer.Deserialize<ExtractResponse>(raw)!;
        var card = Assert.Single(body.GeneralMetrics.Pii, p => p.Type == "card_number");
        Assert.Equal("************1111", card.ValueRedacted);
        Assert.DoesNotContain("4111111111111111", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("4111111111111111", StringComparison.Ordinal) || m.Contains("Four one one one", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("lost card", body.DomainSpecificData["reason"]!.GetValue<string>());
        Assert.Equal(3m, body.DomainSpecificData["delivery_days"]!.GetValue<decimal>());
        Assert.Equal("Victor", body.GeneralMetrics.Names.Agent);
        Assert.Equal("Helen Wright", body.GeneralMetrics.Names.Customer);
        Assert.Equal("negative", body.GeneralMetrics.SentimentIntent.Overall.Label);
        Assert.Equal([0L, 0L], body.TokensCombined);
    }

    [Fact]
    public async Task Seed_text_transcript_is_accepted()
    {
        var text = "[00:00-00:03] Agent: Thanks for calling Quick Cart, my name is Grace.\n[00:04-00:07] Customer: Hello Grace, this is Oscar Reed. Where is my order?\n" +
                   "[00:08-00:10] Agent: Can you give me the order number?\n[00:11-00:13] Customer: 480311.\n[00:14-00:18] Agent: Your order shipped yesterday and will arrive on Monday.";
        var res = await factory.CreateAuthorizedClient().PostAsJsonAsync("/extract", new ExtractRequest(text, null, "ecommerce", "order_status"), TestContext.Current.CancellationToken);
        var body = await res.Content.ReadFromJsonAsync<ExtractResponse>(TestContext.Current.CancellationToken);
        Assert.Equal("480311", body!.DomainSpecificData["order_number"]!.GetValue<string>());
        Assert.Equal("Monday", body.DomainSpecificData["delivery_date"]!.GetValue<string>());
        Assert.Equal("inbound", body.GeneralMetrics.CallDirection.Direction);
        Assert.Empty(body.GeneralMetrics.Pii);
    }

    [Theory]
    [InlineData("{\"transcription\":\"hello\",\"category\":\"x\"}", 400)]
    [InlineData("{\"transcription\":\"   \",\"domain\":\"banking\",\"category\":\"card_replacement\"}", 400)]
    [InlineData("{\"domain\":\"banking\",\"category\":\"card_replacement\"}", 400)]
    [InlineData("{\"transcription\": \"hi\", \"domain\": ", 400)]
    [InlineData("[1,2,3]", 400)]
    public async Task Bad_extract_request_is_a_4xx_problem(string json, int status)
    {
        var res = await factory.CreateAuthorizedClient().PostAsync("/extract", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Five_megabyte_transcript_is_rejected_with_413()
    {
        var huge = new string('a', 5 * 1024 * 1024);
        var res = await factory.CreateAuthorizedClient().PostAsJsonAsync("/extract", new ExtractRequest(huge, null, "banking", "card_replacement"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => factory.Dispose();
}
