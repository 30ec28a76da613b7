using System.Text.Json;
using System.Text.Json.Nodes;
using MagicHub.Calls.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;
using Microsoft.Extensions.Options;

namespace MagicHub.Calls.Pipeline;

/// <summary>
/// The seed's <c>POST /api/transcribe/</c>: the recording goes through the same durable pipeline as
/// <c>POST /api/calls</c>, and the request waits for its analysis. If the save is slow or failing, the client
/// still gets its results with <c>database.success = false</c> while the save is retried in the background.
/// </summary>
public static class SyncTranscribe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<IResult> HandleAsync(
        HttpRequest request, CallSubmission submission, SqlDatabase<CallsDb> database, ITenantContext tenant, IOptions<PipelineOptions> options, CancellationToken ct)
    {
        SubmittedFile? submitted = null;
        await foreach (var part in MultipartFiles.ReadAsync(request, options.Value, ct))
        {
            if (part.Problem is not null)
            {
                return part.Problem;
            }
            if (part.Content is not null && submitted is null)
            {
                submitted = await PipelineApi.SubmitOneAsync(part, submission, tenant.TenantId!, request.Headers["Idempotency-Key"].FirstOrDefault(), null, ct);
            }
        }
        if (submitted is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "No file", detail: "Send the recording as a multipart/form-data part named 'file'.");
        }
        if (submitted.JobId is not { } jobId)
        {
            return TypedResults.Problem(statusCode: submitted.Status, title: "The file was rejected.", detail: $"{submitted.FileName}: {submitted.Error}");
        }

        var deadline = DateTime.UtcNow + options.Value.SyncTimeout;
        DateTime? analyzedAt = null;
        while (true)
        {
            CallJob job;
            await using (var connection = await database.OpenAsync(ct))
            {
                job = await CallJob.FindAsync(connection, null, jobId, tenant.TenantId, lockRow: false, ct)
                    ?? throw new InvalidOperationException($"Job {jobId} vanished.");
            }
            if (job.Status == JobStatus.Failed)
            {
                var rejected = job.Error?.Contains("rejected the call (4", StringComparison.Ordinal) == true;
                return TypedResults.Problem(statusCode: rejected ? 422 : 502, title: "The call could not be analyzed.",
                    detail: job.Error, extensions: new Dictionary<string, object?> { ["job_id"] = job.Id });
            }
            if (job.ExtractionJson is not null)
            {
                analyzedAt ??= DateTime.UtcNow;
                if (job.Status == JobStatus.Completed || DateTime.UtcNow - analyzedAt > options.Value.SaveGrace)
                {
                    return TypedResults.Json(UnifiedResult(job), CallsJsonContext.Default.JsonObject);
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                return TypedResults.Problem(statusCode: 504, title: "The analysis is taking longer than the request may wait.",
                    detail: $"It goes on: follow GET /api/calls/{job.Id}.", extensions: new Dictionary<string, object?> { ["job_id"] = job.Id });
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>The seed's unified JSON.</summary>
    public static JsonObject UnifiedResult(CallJob job)
    {
        var transcript = JsonNode.Parse(job.TranscriptionJson!)!.AsObject();
        var extraction = JsonNode.Parse(job.ExtractionJson!)!.AsObject();
        var stage1 = Tokens(transcript["tokens_stage1"]);
        var stage2 = Tokens(extraction["tokens_combined"]);
        return new JsonObject
        {
            ["filename"] = job.FileName,
            ["transcription"] = transcript["transcription"]?.DeepClone(),
            ["segments"] = transcript["segments"]?.DeepClone(),
            ["domain"] = transcript["domain"]?.DeepClone(),
            ["category"] = transcript["category"]?.DeepClone(),
            ["domain_specific_data"] = extraction["domain_specific_data"]?.DeepClone(),
            ["general_metrics"] = extraction["general_metrics"]?.DeepClone(),
            ["database"] = new JsonObject { ["success"] = job.CallId is not null, ["call_id"] = job.CallId?.ToString() },
            ["token_usage"] = new JsonObject
            {
                ["stage1_transcription_and_detection"] = Usage(stage1),
                ["stage2_combined_analysis"] = Usage(stage2),
                ["total"] = Usage((stage1.Input + stage2.Input, stage1.Output + stage2.Output)),
            },
            ["job_id"] = job.Id.ToString(),
        };
    }

    private static (long Input, long Output) Tokens(JsonNode? node) =>
        node is JsonArray { Count: >= 2 } array ? (array[0]!.GetValue<long>(), array[1]!.GetValue<long>()) : (0, 0);

    private static JsonObject Usage((long Input, long Output) tokens) =>
        new() { ["input_tokens"] = tokens.Input, ["output_tokens"] = tokens.Output, ["total_tokens"] = tokens.Input + tokens.Output };
}
