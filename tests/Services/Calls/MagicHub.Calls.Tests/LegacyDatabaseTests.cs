using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Persistence;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Calls.Tests;

/// <summary>
/// Databases made by the EF Core version of the service (<c>LegacyEf/</c>: its create scripts, from
/// <c>GenerateCreateScript()</c> on each engine, and rows EF Core wrote) are read and written by the plain-SQL service as
/// they are, and a new database gets exactly EF Core's layout.
/// </summary>
public abstract class LegacyDatabaseTests(SqliteEngine engine)
{
    private static readonly Guid LegacyJob = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid LegacyCall = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c");
    private static readonly Guid BrokenJob = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a7d");
    private static readonly Guid SavedCall = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a9f");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Engine => engine.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    [Fact]
    public async Task A_database_the_EF_version_made_is_read_and_written_as_it_is()
    {
        var settings = CallsHost.NewSettings(engine);
        await CreateEfDatabaseAsync(settings, withRows: true);
        await using var host = CallsHost.Start(settings);
        using var legacy = host.Client("legacy-tenant");
        using var other = host.Client("other-tenant");

        var call = await legacy.GetFromJsonAsync<JsonElement>($"/call/{LegacyCall}", Ct);
        var job = await legacy.GetFromJsonAsync<JsonElement>($"/api/calls/{LegacyJob}", Ct);
        var failed = await legacy.GetFromJsonAsync<JsonElement>("/api/calls?status=failed", Ct);
        var stats = await legacy.GetFromJsonAsync<JsonElement>("/stats", Ct);
        var found = await legacy.GetFromJsonAsync<JsonElement>("/calls?q=HELLO&domain=banking", Ct);

        Assert.Equal(("legacy.wav", "banking", "card_lost", "negative"), (call.GetProperty("filename").GetString(), call.GetProperty("domain").GetString(),
            call.GetProperty("category").GetString(), call.GetProperty("sentiment").GetString()));
        Assert.Equal("visa", call.GetProperty("domain_specific_data").GetProperty("card").GetString());
        Assert.Equal([10, 20], call.GetProperty("tokens_stage1").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal("0193a1b2-0000-7000-8000-00000000beef", call.GetProperty("media_id").GetString());
        // As EF Core read it: the same instant, microseconds on PostgreSQL (UTC), ticks on SQLite (no zone).
        Assert.StartsWith("2026-11-20T10:15:39.123456", call.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        Assert.Equal(("completed", "done", LegacyCall.ToString()), (job.GetProperty("status").GetString(), job.GetProperty("stage").GetString(), job.GetProperty("call_id").GetString()));
        Assert.Equal("done", job.GetProperty("stages")[0].GetProperty("state").GetString());
        Assert.Equal(4500, job.GetProperty("stages")[0].GetProperty("duration_ms").GetDouble());
        Assert.Equal([BrokenJob.ToString()], failed.EnumerateArray().Select(j => j.GetProperty("job_id").GetString()));
        Assert.Equal(1, stats.GetProperty("tables").GetProperty("general").GetInt32());
        Assert.Equal(100, stats.GetProperty("token_totals").GetProperty("total").GetInt64());
        Assert.Equal([LegacyCall.ToString()], found.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("call_id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await legacy.GetAsync($"/call/{SavedCall}", Ct)).StatusCode);
        Assert.Equal("saved.wav", (await other.GetFromJsonAsync<JsonElement>($"/call/{SavedCall}", Ct)).GetProperty("filename").GetString());

        using var retry = await legacy.PostAsync($"/api/calls/{BrokenJob}/retry", null, Ct);
        using var save = await legacy.PostAsJsonAsync("/save", new { filename = "new.wav", domain = "banking" }, Ct);
        using var delete = await legacy.DeleteAsync($"/call/{LegacyCall}", Ct);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(["call.submitted.v1"], (await host.OutboxAsync(BrokenJob)).Select(e => e.Type));
        Assert.Equal(HttpStatusCode.Created, save.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Contains("DELETE /media/0193a1b2-0000-7000-8000-00000000beef", host.MediaRequests);
        Assert.Equal(HttpStatusCode.NotFound, (await legacy.GetAsync($"/api/calls/{LegacyJob}", Ct)).StatusCode);
        Assert.Equal(1, (await legacy.GetFromJsonAsync<JsonElement>("/stats", Ct)).GetProperty("tables").GetProperty("domain_specific").GetInt32());
    }

    [Fact]
    public async Task A_new_database_gets_the_layout_EF_Core_made()
    {
        var efSettings = CallsHost.NewSettings(engine);
        await CreateEfDatabaseAsync(efSettings, withRows: false);
        var expected = await LayoutAsync(efSettings);
        List<string> actual;
        await using (var host = CallsHost.Start(CallsHost.NewSettings(engine)))
        {
            await using var ready = await host.Database.OpenAsync(Ct);
            actual = await LayoutAsync(ready);
        }

        Assert.Contains(expected, e => e.StartsWith("column call_jobs.TimingsJson", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
        if (Directory.Exists(efSettings["Data:Directory"]))
        {
            Directory.Delete(efSettings["Data:Directory"]!, recursive: true);
        }
    }

    private async Task CreateEfDatabaseAsync(Dictionary<string, string?> settings, bool withRows)
    {
        await using var connection = await engine.OpenAsync("calls", settings);
        await connection.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "LegacyEf", $"ef-schema.{Engine}.sql"), Ct), null, Ct);
        // The EF version's schema history: both upgrades applied.
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS __magichub_schema (id VARCHAR(200) PRIMARY KEY, applied_at VARCHAR(40) NOT NULL); " +
            "INSERT INTO __magichub_schema (id, applied_at) VALUES ('0001_domain_specific_tenant', '2026-11-20T10:00:00.0000000+00:00'), " +
            "('0002_general_job_id', '2026-11-20T10:00:00.0000000+00:00')", null, Ct);
        if (withRows)
        {
            await connection.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "LegacyEf", $"ef-rows.{Engine}.sql"), Ct), null, Ct);
        }
    }

    /// <summary>Every table's columns (type, nullability, key), index and constraint of the database, sorted.</summary>
    private async Task<List<string>> LayoutAsync(Dictionary<string, string?> settings)
    {
        await using var connection = await engine.OpenAsync("calls", settings);
        return await LayoutAsync(connection);
    }

    private async Task<List<string>> LayoutAsync(DbConnection connection)
    {
        var sql = engine.Provider == DatabaseProvider.Postgres
            ? """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                  || ' null=' || is_nullable || ' identity=' || is_identity
              FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '__magichub_schema'
              UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> '__magichub_schema'
              UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
              FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text <> '__magichub_schema'
              """
            : """
              SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk
              FROM sqlite_master m JOIN pragma_table_info(m.name) c
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__magichub_schema'
              UNION ALL SELECT 'index ' || m.name || ' ' || i.name || ' unique=' || i."unique" || ' ' ||
                  (SELECT group_concat(ii.name, ',') FROM pragma_index_info(i.name) ii)
              FROM sqlite_master m JOIN pragma_index_list(m.name) i WHERE m.type = 'table' AND m.name <> '__magichub_schema'
              UNION ALL SELECT 'foreign key ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' ' || f.on_delete
              FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
              UNION ALL SELECT 'autoincrement ' || m.name FROM sqlite_master m WHERE m.type = 'table' AND m.sql LIKE '%AUTOINCREMENT%'
              """;
        await using var select = connection.CreateCommand(sql);
        var layout = await select.ReadAllAsync(r => r.GetString(0), Ct);
        layout.Sort(StringComparer.Ordinal);
        return layout;
    }
}

public sealed class SqliteLegacyDatabaseTests(SqliteEngine engine) : LegacyDatabaseTests(engine), IClassFixture<SqliteEngine>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresLegacyDatabaseTests(PostgresEngine engine) : LegacyDatabaseTests(engine);
