using MagicHub.Calls.Data;
using MagicHub.Media.Contracts;
using MagicHub.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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

    private static async Task<Created<SaveCallResponse>> SaveAsync(SaveCallRequest request, CallsDb db, TimeProvider clock, CancellationToken ct)
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
        };
        call.DomainSpecific = new DomainSpecificRecord { Id = Guid.CreateVersion7(), CallId = call.Id, DataJson = request.DomainSpecificData?.GetRawText() ?? "{}" };
        db.Calls.Add(call);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/call/{call.Id}", new SaveCallResponse(true, call.Id));
    }

    private static async Task<Results<Ok<CallResponse>, NotFound>> GetAsync(Guid callId, CallsDb db, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Include(c => c.DomainSpecific).FirstOrDefaultAsync(c => c.Id == callId, ct);
        return call is null ? TypedResults.NotFound() : TypedResults.Ok(CallResponse.From(call));
    }

    private static async Task<Ok<CallStats>> StatsAsync(CallsDb db, CancellationToken ct)
    {
        var calls = db.Calls.AsNoTracking();
        var tables = new Dictionary<string, int>
        {
            ["general"] = await calls.CountAsync(ct),
            ["domain_specific"] = await db.DomainSpecific.CountAsync(ct),
        };
        var perDomain = await calls.GroupBy(c => c.Domain).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var perCategory = await calls.GroupBy(c => c.Domain + "/" + c.Category).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var sentiment = await calls.GroupBy(c => c.Sentiment).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var tokens = new Dictionary<string, long>
        {
            ["stage1_input"] = await calls.SumAsync(c => (long)c.Stage1InputTokens, ct),
            ["stage1_output"] = await calls.SumAsync(c => (long)c.Stage1OutputTokens, ct),
            ["stage2_input"] = await calls.SumAsync(c => (long)c.Stage2InputTokens, ct),
            ["stage2_output"] = await calls.SumAsync(c => (long)c.Stage2OutputTokens, ct),
        };
        tokens["total"] = tokens.Values.Sum();
        return TypedResults.Ok(new CallStats(tables, perDomain, perCategory, sentiment, tokens));
    }

    private static async Task<Ok<CallPage>> ListAsync([AsParameters] CallQuery query, CallsDb db, CancellationToken ct)
    {
        var filtered = query.Apply(db.Calls.AsNoTracking());
        var total = await filtered.CountAsync(ct);
        var calls = await filtered.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((query.PageNumber - 1) * query.Size).Take(query.Size)
            .Include(c => c.DomainSpecific).ToListAsync(ct);
        return TypedResults.Ok(new CallPage(query.PageNumber, query.Size, total, calls.Select(CallSummary.From).ToList()));
    }

    /// <summary>Erasure: the call, its domain-specific data, its pipeline job and its audio in the media service.</summary>
    private static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid callId, CallsDb db, MediaClient media, CancellationToken ct)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null)
        {
            return TypedResults.NotFound();
        }
        if (Guid.TryParse(call.MediaId, out var mediaId))
        {
            await media.DeleteAsync(mediaId, call.TenantId, ct);
        }
        await db.Jobs.Where(j => j.CallId == call.Id || (call.JobId != null && j.Id == call.JobId)).ExecuteDeleteAsync(ct);
        db.Calls.Remove(call);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static string Normalize(string? value, string fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback : value.Trim().ToLowerInvariant();

    private static int Token(int[]? tokens, int index) => tokens is not null && tokens.Length > index ? Math.Max(0, tokens[index]) : 0;
}
