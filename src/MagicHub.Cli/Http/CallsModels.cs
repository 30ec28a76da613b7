using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagicHub.Cli.Http;

/// <summary>What <c>POST /api/calls</c> says about one file.</summary>
public sealed record SubmittedFile(
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("job_id")] Guid? JobId,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("duplicate")] bool Duplicate,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>Answer of <c>POST /api/calls</c>.</summary>
public sealed record SubmissionResponse(
    [property: JsonPropertyName("accepted")] int Accepted,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("files")] IReadOnlyList<SubmittedFile> Files);

/// <summary>A submitted call (<c>GET /api/calls/{id}</c>).</summary>
public sealed record JobView(
    [property: JsonPropertyName("job_id")] Guid JobId,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("stages")] IReadOnlyList<StageView> Stages,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("call_id")] Guid? CallId,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTime UpdatedAt)
{
    /// <summary>True once the job completed or failed.</summary>
    public bool IsFinished => Status is "completed" or "failed";
}

/// <summary>One stage's progress.</summary>
public sealed record StageView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("duration_ms")] double? DurationMs);

/// <summary>A call with its domain-specific data (<c>GET /calls/call/{id}</c>).</summary>
public sealed record CallDetail(
    [property: JsonPropertyName("call_id")] Guid CallId,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("sentiment")] string Sentiment,
    [property: JsonPropertyName("transcription")] string Transcription,
    [property: JsonPropertyName("general_metrics")] JsonElement GeneralMetrics,
    [property: JsonPropertyName("domain_specific_data")] JsonElement DomainSpecificData,
    [property: JsonPropertyName("tokens_stage1")] int[] TokensStage1,
    [property: JsonPropertyName("tokens_stage2")] int[] TokensStage2,
    [property: JsonPropertyName("media_id")] string? MediaId,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt);

/// <summary>One call in a list.</summary>
public sealed record CallSummary(
    [property: JsonPropertyName("call_id")] Guid CallId,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("sentiment")] string Sentiment,
    [property: JsonPropertyName("media_id")] string? MediaId,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt);

/// <summary>A page of calls (<c>GET /calls/calls</c>).</summary>
public sealed record CallPage(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("items")] IReadOnlyList<CallSummary> Items);

/// <summary><c>GET /calls/stats</c>.</summary>
public sealed record CallStats(
    [property: JsonPropertyName("tables")] IReadOnlyDictionary<string, int> Tables,
    [property: JsonPropertyName("calls_per_domain")] IReadOnlyDictionary<string, int> CallsPerDomain,
    [property: JsonPropertyName("calls_per_category")] IReadOnlyDictionary<string, int> CallsPerCategory,
    [property: JsonPropertyName("sentiment_distribution")] IReadOnlyDictionary<string, int> SentimentDistribution,
    [property: JsonPropertyName("token_totals")] IReadOnlyDictionary<string, long> TokenTotals);

/// <summary>A dead letter (<c>/calls/admin/messaging/dead-letters</c>).</summary>
public sealed record DeadLetterInfo(string Subscriber, Guid EventId, string Type, string Reason, int Attempts, DateTimeOffset DeadLetteredAt);

/// <summary>A dead letter with its envelope.</summary>
public sealed record DeadLetterDetail(DeadLetterInfo DeadLetter, JsonElement Envelope);

/// <summary>Purge result.</summary>
public sealed record PurgeResult(string Subscriber, int Purged);
