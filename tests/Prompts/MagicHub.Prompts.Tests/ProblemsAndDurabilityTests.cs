using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MagicHub.Prompts.Contracts;
using Xunit;

namespace MagicHub.Prompts.Tests;

/// <summary>RFC 9457 answers of /prompts, quiet handling of expected unique-index collisions, and durability across restarts.</summary>
public sealed class ProblemsAndDurabilityTests : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "magichub-prompts-" + Guid.NewGuid().ToString("N"));

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage res, HttpStatusCode status, string slug)
    {
        Assert.Equal(status, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var problem = (await res.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.Equal("https://magichub.dev/problems/" + slug, problem["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
        return problem;
    }

    [Fact]
    public async Task Unknown_pair_and_version_answers_are_404_problem_details()
    {
        var ct = TestContext.Current.CancellationToken;
        using var factory = PromptsHost.Create(dataDir);
        var http = factory.CreateAuthorizedClient();
        var fetch = await AssertProblemAsync(await http.GetAsync("/fetch-prompt?domain=nope&category=none", ct), HttpStatusCode.NotFound, "not-found");
        Assert.Contains("nope/none", fetch["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertProblemAsync(await http.GetAsync("/prompts/nope/none/versions", ct), HttpStatusCode.NotFound, "not-found");
        await AssertProblemAsync(await http.DeleteAsync("/prompts/nope/none", ct), HttpStatusCode.NotFound, "not-found");
        var version = await AssertProblemAsync(await http.PostAsync("/prompts/banking/loan_inquiry/versions/99/revert", null, ct), HttpStatusCode.NotFound, "not-found");
        Assert.Contains("version 99", version["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_pair_give_one_201_and_409_problems_without_error_logs()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new CapturedLogs();
        using var factory = PromptsHost.Create(dataDir, logs);
        var http = factory.CreateAuthorizedClient();
        var request = new PromptWriteRequest("pet_care", "vet_visit", "Vet visit booking", ["vet"], null, [new PromptField("pet_name", FieldTypes.Text, "Pet's name", true)]);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.PostAsJsonAsync("/prompts", request, ct)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await AssertProblemAsync(conflict, HttpStatusCode.Conflict, "conflict");
        Assert.Empty(logs.Errors);
    }

    [Fact]
    public async Task Generated_prompt_survives_a_restart_of_the_service()
    {
        var ct = TestContext.Current.CancellationToken;
        PromptDocument generated;
        await using (var first = PromptsHost.Create(dataDir))
        {
            var res = await first.CreateAuthorizedClient().PostAsJsonAsync("/validate-and-generate", new ValidateAndGenerateRequest("pet_care", "grooming_booking"), ct);
            var body = await res.Content.ReadFromJsonAsync<ValidateAndGenerateResponse>(ct);
            Assert.True(body!.Generated);
            generated = body.Prompt;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var second = PromptsHost.Create(dataDir);
        var http = second.CreateAuthorizedClient();
        var fetched = await http.GetFromJsonAsync<PromptDocument>("/fetch-prompt?domain=pet_care&category=grooming_booking", ct);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(generated.Fields), System.Text.Json.JsonSerializer.Serialize(fetched!.Fields));
        Assert.Equal((1, "generated-offline", generated.Instructions), (fetched.Version, fetched.Source, fetched.Instructions));
        var again = await (await http.PostAsJsonAsync("/validate-and-generate", new ValidateAndGenerateRequest("pet_care", "grooming_booking"), ct))
            .Content.ReadFromJsonAsync<ValidateAndGenerateResponse>(ct);
        Assert.True(again!.IsValid);
        Assert.False(again.Generated);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, true); } catch (IOException) { }
    }
}
