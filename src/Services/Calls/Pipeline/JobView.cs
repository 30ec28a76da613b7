using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagicHub.Calls.Pipeline;

/// <summary>A submitted call as <c>GET /api/calls/{id}</c> shows it: status, stage, each stage's progress.</summary>
public sealed record JobView(
    [property: JsonPropertyName("job_id")] Guid JobId,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("stages")] IReadOnlyList<StageView> Stages,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("call_id")] Guid? CallId,
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTime UpdatedAt)
{
    private static readonly PipelineStage[] Order = [PipelineStage.Transcribe, PipelineStage.Analyze, PipelineStage.Save];

    /// <summary>Maps a job.</summary>
    public static JobView From(CallJob job)
    {
        using var timings = JsonDocument.Parse(job.TimingsJson);
        var stages = Order.Select(stage =>
        {
            var key = stage.ToString().ToLowerInvariant();
            timings.RootElement.TryGetProperty(key, out var entry);
            DateTime? started = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("started", out var s) ? s.GetDateTime() : null;
            DateTime? finished = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("finished", out var f) ? f.GetDateTime() : null;
            var state = finished is not null || job.Stage > stage ? "done"
                : job.Stage == stage && job.Status == JobStatus.Failed ? "failed"
                : job.Stage == stage && started is not null ? "running"
                : "pending";
            return new StageView(key, state, started, finished, finished - started is { } took ? Math.Round(took.TotalMilliseconds) : null);
        }).ToList();
        return new JobView(job.Id, job.FileName, job.Status.ToString().ToLowerInvariant(), job.Stage.ToString().ToLowerInvariant(),
            stages, job.Attempts, job.Error, job.CallId, job.MediaId, job.CreatedAt, job.UpdatedAt);
    }
}

/// <summary>One stage's progress.</summary>
public sealed record StageView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("started_at")] DateTime? StartedAt,
    [property: JsonPropertyName("finished_at")] DateTime? FinishedAt,
    [property: JsonPropertyName("duration_ms")] double? DurationMs);

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
