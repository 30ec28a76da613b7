using System.Data.Common;
using System.Globalization;
using MagicHub.Calls.Data;
using MagicHub.Media.Contracts;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MagicHub.Calls.Calls;

/// <summary>The seed's persistence endpoints: save, read one call, statistics.</summary>
public static class CallsApi
{
    /// <summary>Maps <c>POST /save</c>, <c>GET /call/{call_id}</c> and <c>GET /stats</c>.</summary>
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("").WithTags("Calls").RequireAuthorization(PlatformPolicies.Read);
        api.MapPost("/save", SaveAsync).RequireAuthorization(PlatformPolicies.Write).WithSummary("Store an analyzed call (general + domain-specific data).");
        api.MapGet("/call/{callId:guid}", GetAsync).WithSummary("A call with its domain-specific data.");
        api.MapGet("/stats", StatsAsync).WithSummary("Table counts, calls per domain and category, sentiment distribution, token totals.");
        api.MapGet("/calls", ListAsync).WithSummary("Calls, newest first, filtered by domain, category, sentiment, date range and transcript text, in pages.");
        api.MapDelete("/call/{callId:guid}", DeleteAsync).RequireAuthorization(PlatformPolicies.Write).WithSummary("Erase a call with its domain-specific data.");
        api.MapGet("/export", CallExport.ExportAsync).WithSummary("Every call matching the filters as CSV (format=csv) or JSON (format=json), streamed.");
        return endpoints;
    }

    private static async Task<Created<SaveCallResponse>> SaveAsync(
        SaveCallRequest request, SqlDatabase<CallsDb> database, ITenantContext tenant, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var call = new CallRecord
        {
            Id = Guid.CreateVersion7(),
            FileName = request.FileName,
            Transcription = request.Transcription ?? "",
            Domain = Normalize(request.Domain, "unknown"),
            Category = Normalize(request.Category, "unknown"),
            Sentiment = Normalize(request.Sentiment, "neutral"),
            MetricsJson = request.GeneralMetrics?.GetRawText() ?? "{}",
            Stage1InputTokens = Token(request.TokensStage1, 0),
            Stage1OutputTokens = Token(request.TokensStage1, 1),
            Stage2InputTokens = Token(request.TokensStage2, 0),
            Stage2OutputTokens = Token(request.TokensStage2, 1),
            MediaId = request.MediaId,
            CreatedAt = now,
            UpdatedAt = now,
        }.Stamped(tenant);
        call.DomainSpecific = new DomainSpecificRecord { Id = Guid.CreateVersion7(), CallId = call.Id, DataJson = request.DomainSpecificData?.GetRawText() ?? "{}" }.Stamped(tenant);
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await call.InsertAsync(transaction, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/call/{call.Id}", new SaveCallResponse(true, call.Id));
    }

    private static async Task<Results<Ok<CallResponse>, NotFound>> GetAsync(Guid callId, SqlDatabase<CallsDb> database, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var call = await FindAsync(connection, callId, tenant, ct);
        return call is null ? TypedResults.NotFound() : TypedResults.Ok(CallResponse.From(call));
    }

    private static async Task<CallRecord?> FindAsync(DbConnection connection, Guid callId, ITenantContext tenant, CancellationToken ct)
    {
        await using var select = connection.CreateCommand($"SELECT {CallRecord.Columns} FROM {CallRecord.FromWithData} WHERE c.\"Id\" = @id AND c.\"TenantId\" = @tenant")
            .WithParameter("id", callId).WithTenant(tenant);
        return await select.ReadFirstAsync(CallRecord.Read, ct);
    }

    private static async Task<Ok<CallStats>> StatsAsync(SqlDatabase<CallsDb> database, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var totals = connection.CreateCommand(
            "SELECT count(*), COALESCE(SUM(\"Stage1InputTokens\"), 0), COALESCE(SUM(\"Stage1OutputTokens\"), 0), " +
            "COALESCE(SUM(\"Stage2InputTokens\"), 0), COALESCE(SUM(\"Stage2OutputTokens\"), 0) FROM \"general\" WHERE \"TenantId\" = @tenant").WithTenant(tenant);
        var sums = (await totals.ReadFirstAsync(r => new long[] { r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4) }, ct))!;
        await using var data = connection.CreateCommand("SELECT count(*) FROM \"domain_specific\" WHERE \"TenantId\" = @tenant").WithTenant(tenant);
        var tables = new Dictionary<string, int>
        {
            ["general"] = (int)sums[0],
            ["domain_specific"] = Convert.ToInt32(await data.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture),
        };
        var perDomain = await CountByAsync(connection, tenant, "\"Domain\"", ct);
        var perCategory = await CountByAsync(connection, tenant, "\"Domain\" || '/' || \"Category\"", ct);
        var sentiment = await CountByAsync(connection, tenant, "\"Sentiment\"", ct);
        var tokens = new Dictionary<string, long>
        {
            ["stage1_input"] = sums[1],
            ["stage1_output"] = sums[2],
            ["stage2_input"] = sums[3],
            ["stage2_output"] = sums[4],
        };
        tokens["total"] = tokens.Values.Sum();
        return TypedResults.Ok(new CallStats(tables, perDomain, perCategory, sentiment, tokens));
    }

    private static async Task<Dictionary<string, int>> CountByAsync(DbConnection connection, ITenantContext tenant, string key, CancellationToken ct)
    {
        await using var select = connection.CreateCommand($"SELECT {key}, count(*) FROM \"general\" WHERE \"TenantId\" = @tenant GROUP BY {key}").WithTenant(tenant);
        var rows = await select.ReadAllAsync(r => (Key: r.GetString(0), Count: (int)r.GetInt64(1)), ct);
        return rows.ToDictionary(r => r.Key, r => r.Count);
    }

    private static async Task<Ok<CallPage>> ListAsync([AsParameters] CallQuery query, SqlDatabase<CallsDb> database, ITenantContext tenant, CancellationToken ct)
    {
        var where = query.Where();
        await using var connection = await database.OpenAsync(ct);
        await using var count = query.AddParameters(connection.CreateCommand($"SELECT count(*) FROM \"general\" c WHERE {where}")).WithTenant(tenant);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        await using var select = query.AddParameters(connection.CreateCommand(
            $"SELECT {CallRecord.Columns} FROM {CallRecord.FromWithData} WHERE {where} ORDER BY c.\"CreatedAt\" DESC, c.\"Id\" DESC LIMIT @take OFFSET @skip"))
            .WithTenant(tenant).WithParameter("take", query.Size).WithParameter("skip", (query.PageNumber - 1) * query.Size);
        var calls = await select.ReadAllAsync(CallRecord.Read, ct);
        return TypedResults.Ok(new CallPage(query.PageNumber, query.Size, total, calls.Select(CallSummary.From).ToList()));
    }

    /// <summary>Erasure: the call, its domain-specific data, its pipeline job and its audio in the media service.</summary>
    private static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid callId, SqlDatabase<CallsDb> database, ITenantContext tenant, MediaClient media, CancellationToken ct)
    {
        CallRecord? call;
        await using (var read = await database.OpenAsync(ct))
        {
            call = await FindAsync(read, callId, tenant, ct);
        }
        if (call is null)
        {
            return TypedResults.NotFound();
        }
        if (Guid.TryParse(call.MediaId, out var mediaId))
        {
            await media.DeleteAsync(mediaId, call.TenantId, ct);
        }
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var delete = connection.CreateCommand(
            "DELETE FROM \"call_jobs\" WHERE \"TenantId\" = @tenant AND (\"CallId\" = @call OR \"Id\" = @job); " +
            "DELETE FROM \"domain_specific\" WHERE \"TenantId\" = @tenant AND \"call_id\" = @call; " +
            "DELETE FROM \"general\" WHERE \"TenantId\" = @tenant AND \"Id\" = @call", transaction)
            .WithParameter("call", call.Id).WithParameter("job", call.JobId).WithTenant(tenant))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static string Normalize(string? value, string fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback : value.Trim().ToLowerInvariant();

    private static int Token(int[]? tokens, int index) => tokens is not null && tokens.Length > index ? Math.Max(0, tokens[index]) : 0;
}
