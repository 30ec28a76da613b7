using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagicHub.Calls.Calls;

/// <summary>The seed's <c>POST /save</c> body: the results of one analyzed call.</summary>
public sealed record SaveCallRequest(
    [property: JsonPropertyName("filename")][Required, StringLength(512, MinimumLength = 1)] string FileName,
    [property: JsonPropertyName("transcription")] string? Transcription,
    [property: JsonPropertyName("domain")][StringLength(100)] string? Domain,
    [property: JsonPropertyName("category")][StringLength(100)] string? Category,
    [property: JsonPropertyName("sentiment")][StringLength(20)] string? Sentiment,
    [property: JsonPropertyName("domain_specific_data")] JsonElement? DomainSpecificData,
    [property: JsonPropertyName("general_metrics")] JsonElement? GeneralMetrics,
    [property: JsonPropertyName("tokens_stage1")] int[]? TokensStage1,
    [property: JsonPropertyName("tokens_stage2")] int[]? TokensStage2,
    [property: JsonPropertyName("media_id")][StringLength(64)] string? MediaId);

/// <summary>The seed's save answer.</summary>
public sealed record SaveCallResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("call_id")] Guid CallId);

/// <summary>A call with its domain-specific data, as <c>GET /call/{call_id}</c> returns it.</summary>
public sealed record CallResponse(
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
    [property: JsonPropertyName("created_at")] DateTime CreatedAt)
{
    /// <summary>Maps a stored call.</summary>
    public static CallResponse From(CallRecord call) => new(
        call.Id, call.FileName, call.Domain, call.Category, call.Sentiment, call.Transcription,
        JsonDocument.Parse(call.MetricsJson).RootElement.Clone(),
        JsonDocument.Parse(call.DomainSpecific?.DataJson ?? "{}").RootElement.Clone(),
        [call.Stage1InputTokens, call.Stage1OutputTokens], [call.Stage2InputTokens, call.Stage2OutputTokens],
        call.MediaId, call.CreatedAt);
}

/// <summary>The seed's <c>GET /stats</c> answer.</summary>
public sealed record CallStats(
    [property: JsonPropertyName("tables")] IReadOnlyDictionary<string, int> Tables,
    [property: JsonPropertyName("calls_per_domain")] IReadOnlyDictionary<string, int> CallsPerDomain,
    [property: JsonPropertyName("calls_per_category")] IReadOnlyDictionary<string, int> CallsPerCategory,
    [property: JsonPropertyName("sentiment_distribution")] IReadOnlyDictionary<string, int> SentimentDistribution,
    [property: JsonPropertyName("token_totals")] IReadOnlyDictionary<string, long> TokenTotals);

/// <summary>One call in a list: everything but the transcript and metrics.</summary>
public sealed record CallSummary(
    [property: JsonPropertyName("call_id")] Guid CallId,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("sentiment")] string Sentiment,
    [property: JsonPropertyName("media_id")] string? MediaId,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt)
{
    /// <summary>Maps a stored call.</summary>
    public static CallSummary From(CallRecord call) =>
        new(call.Id, call.FileName, call.Domain, call.Category, call.Sentiment, call.MediaId, call.CreatedAt);
}

/// <summary>A page of calls.</summary>
public sealed record CallPage(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("items")] IReadOnlyList<CallSummary> Items);
