using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Calls.Pipeline;
using MagicHub.Persistence;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Calls.Tests;

/// <summary>The calls API on plain SQL, on each engine: SQLite (the default) and a real PostgreSQL server.</summary>
public abstract class CallsApiTests(SqliteEngine engine) : IAsyncLifetime
{
    private CallsHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = CallsHost.Start(CallsHost.NewSettings(engine));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..8];

    private static object Call(string file, string domain = "banking", string category = "card_lost", string sentiment = "Negative", string transcription = "Agent: hello") => new
    {
        filename = file,
        transcription,
        domain,
        category,
        sentiment,
        domain_specific_data = new { card = "visa", amount = 12.5 },
        general_metrics = new { summary = "lost card" },
        tokens_stage1 = new[] { 10, 20 },
        tokens_stage2 = new[] { 30, 40 },
        media_id = "not-a-media-id",
    };

    private static async Task<string> SaveAsync(HttpClient client, object call)
    {
        using var response = await client.PostAsJsonAsync("/save", call, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("call_id").GetString()!;
    }

    [Fact]
    public async Task Saved_call_reads_back_with_its_domain_specific_data()
    {
        using var client = _host.Client(NewTenant());

        var id = await SaveAsync(client, Call("one.wav", domain: " Banking "));
        var call = await client.GetFromJsonAsync<JsonElement>($"/call/{id}", Ct);

        Assert.Equal(id, call.GetProperty("call_id").GetString());
        Assert.Equal("one.wav", call.GetProperty("filename").GetString());
        Assert.Equal("banking", call.GetProperty("domain").GetString());
        Assert.Equal("negative", call.GetProperty("sentiment").GetString());
        Assert.Equal("visa", call.GetProperty("domain_specific_data").GetProperty("card").GetString());
        Assert.Equal(12.5, call.GetProperty("domain_specific_data").GetProperty("amount").GetDouble());
        Assert.Equal("lost card", call.GetProperty("general_metrics").GetProperty("summary").GetString());
        Assert.Equal([10, 20], call.GetProperty("tokens_stage1").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal([30, 40], call.GetProperty("tokens_stage2").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal("not-a-media-id", call.GetProperty("media_id").GetString());
    }

    [Fact]
    public async Task Another_tenants_calls_are_not_found_counted_listed_exported_or_deleted()
    {
        using var owner = _host.Client(NewTenant());
        using var stranger = _host.Client(NewTenant());
        var id = await SaveAsync(owner, Call("mine.wav"));

        using var get = await stranger.GetAsync($"/call/{id}", Ct);
        using var delete = await stranger.DeleteAsync($"/call/{id}", Ct);
        var stats = await stranger.GetFromJsonAsync<JsonElement>("/stats", Ct);
        var list = await stranger.GetFromJsonAsync<JsonElement>("/calls", Ct);
        var export = await stranger.GetStringAsync("/export?format=csv", Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(0, stats.GetProperty("tables").GetProperty("general").GetInt32());
        Assert.Equal(0, stats.GetProperty("tables").GetProperty("domain_specific").GetInt32());
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Single(export.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/call/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task List_filters_by_domain_category_sentiment_dates_and_words_and_pages_newest_first()
    {
        using var client = _host.Client(NewTenant());
        var first = await SaveAsync(client, Call("a.wav", transcription: "Customer: my CARD is lost"));
        var second = await SaveAsync(client, Call("b.wav", domain: "telecom", category: "billing", sentiment: "positive", transcription: "Customer: my bill"));
        var third = await SaveAsync(client, Call("100%_c.wav", sentiment: "neutral", transcription: "Agent: goodbye"));
        var from = Uri.EscapeDataString(DateTime.UtcNow.AddMinutes(-5).ToString("O"));
        var past = Uri.EscapeDataString(DateTime.UtcNow.AddMinutes(-4).ToString("O"));

        async Task<List<string>> IdsAsync(string query)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/calls" + query, Ct);
            return page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("call_id").GetString()!).ToList();
        }

        Assert.Equal([third, second, first], await IdsAsync(""));
        Assert.Equal([third, first], await IdsAsync("?domain=BANKING"));
        Assert.Equal([second], await IdsAsync("?category=billing&sentiment=positive"));
        Assert.Equal([first], await IdsAsync("?q=card%20LOST"));
        Assert.Equal([third], await IdsAsync("?q=100%25_"));
        Assert.Empty(await IdsAsync("?q=10%25"));
        Assert.Equal([third, second, first], await IdsAsync($"?from={from}"));
        Assert.Empty(await IdsAsync($"?from={from}&to={past}"));
        var page2 = await client.GetFromJsonAsync<JsonElement>("/calls?page=2&page_size=2", Ct);
        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        Assert.Equal([first], page2.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("call_id").GetString()));
    }

    [Fact]
    public async Task Stats_count_and_sum_the_tenants_calls()
    {
        using var client = _host.Client(NewTenant());
        await SaveAsync(client, Call("a.wav"));
        await SaveAsync(client, Call("b.wav"));
        await SaveAsync(client, Call("c.wav", domain: "telecom", category: "billing", sentiment: "positive"));

        var stats = await client.GetFromJsonAsync<JsonElement>("/stats", Ct);

        Assert.Equal(3, stats.GetProperty("tables").GetProperty("general").GetInt32());
        Assert.Equal(3, stats.GetProperty("tables").GetProperty("domain_specific").GetInt32());
        Assert.Equal(2, stats.GetProperty("calls_per_domain").GetProperty("banking").GetInt32());
        Assert.Equal(1, stats.GetProperty("calls_per_category").GetProperty("telecom/billing").GetInt32());
        Assert.Equal(2, stats.GetProperty("sentiment_distribution").GetProperty("negative").GetInt32());
        Assert.Equal(30, stats.GetProperty("token_totals").GetProperty("stage1_input").GetInt64());
        Assert.Equal(120, stats.GetProperty("token_totals").GetProperty("stage2_output").GetInt64());
        Assert.Equal(300, stats.GetProperty("token_totals").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Export_streams_csv_and_json_oldest_first()
    {
        using var client = _host.Client(NewTenant());
        var first = await SaveAsync(client, Call("=formula.wav", transcription: "Agent: hello, \"world\""));
        var second = await SaveAsync(client, Call("b.wav"));

        var csv = (await client.GetStringAsync("/export?format=csv", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var json = await client.GetFromJsonAsync<JsonElement>("/export?format=json&domain=banking", Ct);

        Assert.Equal(3, csv.Length);
        Assert.StartsWith($"{first},'=formula.wav,banking", csv[1], StringComparison.Ordinal);
        Assert.Contains("\"Agent: hello, \"\"world\"\"\"", csv[1], StringComparison.Ordinal);
        Assert.Contains("\"{\"\"card\"\":\"\"visa\"\",\"\"amount\"\":12.5}\"", csv[1], StringComparison.Ordinal);
        Assert.Equal([first, second], json.EnumerateArray().Select(c => c.GetProperty("call_id").GetString()));
        Assert.Equal("visa", json[1].GetProperty("domain_specific_data").GetProperty("card").GetString());
    }

    [Fact]
    public async Task Delete_erases_the_call_its_data_and_its_job()
    {
        var tenant = NewTenant();
        using var client = _host.Client(tenant);
        var id = await SaveAsync(client, Call("gone.wav"));
        var job = await InsertJobAsync(tenant, JobStatus.Completed, PipelineStage.Done, callId: Guid.Parse(id));

        using var delete = await client.DeleteAsync($"/call/{id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/call/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/calls/{job.Id}", Ct)).StatusCode);
        var stats = await client.GetFromJsonAsync<JsonElement>("/stats", Ct);
        Assert.Equal(0, stats.GetProperty("tables").GetProperty("domain_specific").GetInt32());
    }

    [Fact]
    public async Task Jobs_are_listed_by_status_and_a_failed_one_is_retried_with_its_stage_event()
    {
        var tenant = NewTenant();
        using var client = _host.Client(tenant);
        using var stranger = _host.Client(NewTenant());
        var failed = await InsertJobAsync(tenant, JobStatus.Failed, PipelineStage.Analyze);
        var running = await InsertJobAsync(tenant, JobStatus.Running, PipelineStage.Transcribe);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/calls", Ct);
        var onlyFailed = await client.GetFromJsonAsync<JsonElement>("/api/calls?status=FAILED", Ct);
        using var notFailed = await client.PostAsync($"/api/calls/{running.Id}/retry", null, Ct);
        using var strangers = await stranger.PostAsync($"/api/calls/{failed.Id}/retry", null, Ct);
        var retries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync($"/api/calls/{failed.Id}/retry", null, Ct)));
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/calls/{failed.Id}", Ct);

        Assert.Equal([running.Id.ToString(), failed.Id.ToString()], all.EnumerateArray().Select(j => j.GetProperty("job_id").GetString()));
        Assert.Equal([failed.Id.ToString()], onlyFailed.EnumerateArray().Select(j => j.GetProperty("job_id").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, notFailed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.Single(retries, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(retries.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal("running", view.GetProperty("status").GetString());
        Assert.Equal(0, view.GetProperty("attempts").GetInt32());
        var events = await _host.OutboxAsync(failed.Id);
        Assert.Equal([("transcription.completed.v1", tenant)], events.Select(e => (e.Type, e.Tenant)));
    }

    private async Task<CallJob> InsertJobAsync(string tenant, JobStatus status, PipelineStage stage, Guid? callId = null)
    {
        var now = DateTime.UtcNow;
        var job = new CallJob
        {
            Id = Guid.CreateVersion7(), TenantId = tenant, IdempotencyKey = "key:" + Guid.NewGuid(), FileName = "job.wav", MediaId = Guid.NewGuid(),
            SizeBytes = 100, Status = status, Stage = stage, Attempts = 2, Error = status == JobStatus.Failed ? "it broke" : null, CallId = callId,
            CreatedAt = now, UpdatedAt = now,
        };
        await using var connection = await _host.Database.OpenAsync(Ct);
        await using var insert = job.AddParameters(connection.CreateCommand(CallJob.Insert));
        await insert.ExecuteNonQueryAsync(Ct);
        return job;
    }
}

public sealed class SqliteCallsApiTests(SqliteEngine engine) : CallsApiTests(engine), IClassFixture<SqliteEngine>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresCallsApiTests(PostgresEngine engine) : CallsApiTests(engine);
