using System.Net;
using System.Net.Http.Json;
using MagicHub.Prompts.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace MagicHub.Prompts.Tests;

/// <summary>The prompts API on each engine: SQLite (the default) and a real PostgreSQL server, a new database per test.</summary>
public abstract class PromptsApiTests : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "magichub-prompts-" + Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> factory;

    protected PromptsApiTests(IReadOnlyDictionary<string, string> engineSettings) =>
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.TrustTestTokens().UseSetting("Data:Directory", dataDir);
            foreach (var (key, value) in engineSettings) b.UseSetting(key, value);
        });

    [Fact]
    public async Task Known_pair_is_valid_and_every_sample_pair_is_seeded()
    {
        var http = factory.CreateAuthorizedClient();
        foreach (var (d, c) in new[] { ("healthcare", "appointment_scheduling"), ("banking", "card_replacement"), ("ecommerce", "order_status"), ("telecom", "plan_upgrade") })
        {
            var res = await http.PostAsJsonAsync("/validate-and-generate", new ValidateAndGenerateRequest(d, c), TestContext.Current.CancellationToken);
            var body = await res.Content.ReadFromJsonAsync<ValidateAndGenerateResponse>(TestContext.Current.CancellationToken);
            Assert.True(body!.IsValid);
            Assert.False(body.Generated);
            Assert.NotEmpty(body.Prompt.Fields);
        }
        var catalog = await http.GetFromJsonAsync<DomainCatalog>("/domains", TestContext.Current.CancellationToken);
        Assert.True(catalog!.Domains.Count >= 11);
    }

    [Fact]
    public async Task Unknown_pair_under_20_concurrent_requests_is_stored_once()
    {
        var http = factory.CreateAuthorizedClient();
        var ct = TestContext.Current.CancellationToken;
        var tasks = Enumerable.Range(0, 20).Select(_ => http.PostAsJsonAsync("/validate-and-generate", new ValidateAndGenerateRequest("pet_care", "grooming_booking"), ct));
        var responses = await Task.WhenAll(tasks);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<ValidateAndGenerateResponse>(ct)));
        Assert.Equal(1, bodies.Count(b => b!.Generated));
        var history = await http.GetFromJsonAsync<List<PromptDocument>>("/prompts/pet_care/grooming_booking/versions", ct);
        Assert.Single(history!);
        Assert.Equal("generated-offline", history![0].Source);
        Assert.Contains(history[0].Fields, f => f.Name == "customer_name");
    }

    [Fact]
    public async Task Edit_makes_a_new_version_and_revert_makes_an_old_one_current()
    {
        var http = factory.CreateAuthorizedClient();
        var ct = TestContext.Current.CancellationToken;
        var v1 = await http.GetFromJsonAsync<PromptDocument>("/fetch-prompt?domain=banking&category=loan_inquiry", ct);
        var edit = await http.PutAsJsonAsync("/prompts/banking/loan_inquiry", new PromptWriteRequest(null, null, null, null, "Only the loan amount.",
            [new PromptField("loan_amount", FieldTypes.Money, "Amount to borrow", true)]), ct);
        var v2 = await edit.Content.ReadFromJsonAsync<PromptDocument>(ct);
        Assert.Equal(2, v2!.Version);
        Assert.Single(v2.Fields);
        var reverted = await (await http.PostAsync("/prompts/banking/loan_inquiry/versions/1/revert", null, ct)).Content.ReadFromJsonAsync<PromptDocument>(ct);
        Assert.Equal(3, reverted!.Version);
        Assert.Equal(v1!.Fields.Count, reverted.Fields.Count);
        var current = await http.GetFromJsonAsync<PromptDocument>("/fetch-prompt?domain=banking&category=loan_inquiry", ct);
        Assert.Equal(3, current!.Version);
        var history = await http.GetFromJsonAsync<List<PromptDocument>>("/prompts/banking/loan_inquiry/versions", ct);
        Assert.Equal([1, 2, 3], history!.Select(h => h.Version));
        Assert.Single(history!, h => h.IsCurrent);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_pair_each_get_their_own_version()
    {
        var http = factory.CreateAuthorizedClient();
        var ct = TestContext.Current.CancellationToken;
        var edits = Enumerable.Range(0, 8).Select(i => http.PutAsJsonAsync("/prompts/telecom/plan_upgrade",
            new PromptWriteRequest(null, null, $"edit {i}", null, null, null), ct));
        var responses = await Task.WhenAll(edits);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var history = await http.GetFromJsonAsync<List<PromptDocument>>("/prompts/telecom/plan_upgrade/versions", ct);
        Assert.Equal(Enumerable.Range(1, 9), history!.Select(h => h.Version));
        var current = Assert.Single(history!, h => h.IsCurrent);
        Assert.Equal(9, current.Version);
        Assert.Equal(8, history!.Select(h => h.Description).Where(d => d.StartsWith("edit ", StringComparison.Ordinal)).Distinct().Count());
    }

    [Fact]
    public async Task Deleting_a_pair_removes_every_version()
    {
        var http = factory.CreateAuthorizedClient();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/prompts/banking/card_replacement", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/prompts/banking/card_replacement/versions", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/prompts/banking/card_replacement", ct)).StatusCode);
    }

    [Theory]
    [InlineData("{\"domain\":\"banking\"}")]
    [InlineData("{\"domain\":\"\",\"category\":\"x\"}")]
    [InlineData("{not json")]
    public async Task Bad_validate_request_is_a_400_problem(string body)
    {
        var http = factory.CreateAuthorizedClient();
        var res = await http.PostAsync("/validate-and-generate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Fetching_an_unknown_pair_is_404()
    {
        var res = await factory.CreateAuthorizedClient().GetAsync("/fetch-prompt?domain=nope&category=none", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
    }

    public void Dispose()
    {
        factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqlitePromptsApiTests() : PromptsApiTests(new Dictionary<string, string>());

/// <summary>The same tests on PostgreSQL: the service creates its database (<c>ConnectionStrings:prompts</c>, one per test) and schema.</summary>
public sealed class PostgresPromptsApiTests(PostgresServer server) : PromptsApiTests(new Dictionary<string, string>
{
    ["Database:Provider"] = "Postgres",
    ["ConnectionStrings:prompts"] = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "prompts_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString,
}), IClassFixture<PostgresServer>;
