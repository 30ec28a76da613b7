using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using MagicHub.Extraction.Contracts;
using MagicHub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace MagicHub.Extraction.Tests;

/// <summary>Defence in depth: the service validates tokens itself and passes the caller's on to the prompts service.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private static readonly ExtractRequest Request = new(
        "[00:00-00:03] Agent: Thanks for calling Quick Cart, my name is Grace.\n[00:04-00:07] Customer: Hello Grace, this is Oscar Reed. Where is my order?\n" +
        "[00:08-00:10] Agent: Can you give me the order number?\n[00:11-00:13] Customer: 480311.\n[00:14-00:18] Agent: Your order shipped yesterday and will arrive on Monday.",
        null, "ecommerce", "order_status");

    private readonly ConcurrentQueue<string?> promptsAuthorization = new();
    private WebApplication prompts = null!;
    private WebApplicationFactory<Program> factory = null!;

    public async ValueTask InitializeAsync()
    {
        // Stands in for the prompts service: records the Authorization header, has no prompt (the built-in one is used).
        prompts = LoopbackApp.Create();
        prompts.MapGet("/fetch-prompt", (HttpRequest request) =>
        {
            promptsAuthorization.Enqueue(request.Headers.Authorization.FirstOrDefault());
            return Results.NotFound();
        });
        var address = await prompts.StartOnLoopbackAsync(TestContext.Current.CancellationToken);
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.TrustTestTokens().UseSetting("Extraction:PromptsUrl", address));
    }

    [Fact]
    public async Task Extract_without_a_token_is_401_problem_details()
    {
        using var response = await factory.CreateClient().PostAsJsonAsync("/extract", Request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetInt32());
        Assert.Empty(promptsAuthorization);
    }

    [Fact]
    public async Task Valid_token_extracts_and_reaches_the_prompts_service_with_the_callers_token()
    {
        using var client = factory.CreateAuthorizedClient();

        using var response = await client.PostAsJsonAsync("/extract", Request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ExtractResponse>(TestContext.Current.CancellationToken);
        Assert.Equal("480311", body!.DomainSpecificData["order_number"]!.GetValue<string>());
        Assert.Equal([client.DefaultRequestHeaders.Authorization!.ToString()], promptsAuthorization);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await prompts.DisposeAsync();
    }
}
