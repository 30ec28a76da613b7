using MagicHub.Calls.Data;
using MagicHub.Media.Contracts;
using MagicHub.Messaging;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MagicHub.Calls.Pipeline;

/// <summary>The call pipeline's API: asynchronous jobs, their progress, retries and the seed's synchronous endpoint.</summary>
public static class PipelineApi
{
    /// <summary>Maps <c>/api/calls</c> and <c>/api/transcribe/</c>.</summary>
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Pipeline").RequireAuthorization(PlatformPolicies.Read);
        api.MapPost("/calls", SubmitAsync).RequireAuthorization(PlatformPolicies.Write).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Submit one or many recordings (multipart 'file' parts) for analysis: 202 with a job per file, a 4xx entry per rejected file.");
        api.MapGet("/calls", ListJobsAsync).WithSummary("The latest submitted calls, optionally by status.");
        api.MapGet("/calls/{jobId:guid}", GetJobAsync).WithSummary("Status of a submitted call and each stage's progress.");
        api.MapGet("/calls/{jobId:guid}/events", ProgressFeed.StreamAsync).WithSummary("Server-sent events with the call's progress until it completes or fails.");
        api.MapPost("/calls/{jobId:guid}/retry", RetryAsync).RequireAuthorization(PlatformPolicies.Write).WithSummary("Run a failed call again from the stage where it failed.");
        api.MapPost("/transcribe", SyncTranscribe.HandleAsync).RequireAuthorization(PlatformPolicies.Write).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Seed-compatible: analyze one recording ('file') and answer with the unified result.");
        return endpoints;
    }

    private static async Task<Results<Accepted<SubmissionResponse>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, CallSubmission submission, ITenantContext tenant, IOptions<PipelineOptions> options, CancellationToken ct)
    {
        var files = new List<SubmittedFile>();
        string? callbackUrl = null;
        await foreach (var part in MultipartFiles.ReadAsync(request, options.Value, ct))
        {
            if (part.FieldName == "callback_url")
            {
                callbackUrl = part.Value;
                continue;
            }
            if (part.Problem is not null)
            {
                return part.Problem;
            }
            if (part.Content is null)
            {
                continue;
            }
            files.Add(await SubmitOneAsync(part, submission, tenant.TenantId!, request.Headers["Idempotency-Key"].FirstOrDefault(), callbackUrl, ct));
        }
        if (files.Count == 0)
        {
            return TypedResults.Problem(statusCode: 400, title: "No file", detail: "Send the recordings as multipart/form-data parts named 'file'.");
        }
        var accepted = files.Count(f => f.JobId is not null);
        if (accepted == 0 && files.Count == 1)
        {
            return TypedResults.Problem(statusCode: files[0].Status, title: "The file was rejected.", detail: $"{files[0].FileName}: {files[0].Error}");
        }
        return TypedResults.Accepted("/api/calls", new SubmissionResponse(accepted, files.Count - accepted, files));
    }

    internal static async Task<SubmittedFile> SubmitOneAsync(
        MultipartFiles.Part part, CallSubmission submission, string tenantId, string? idempotencyKey, string? callbackUrl, CancellationToken ct)
    {
        try
        {
            var (job, duplicate) = await submission.SubmitAsync(part.Content!, part.FileName!, tenantId, idempotencyKey, callbackUrl, ct);
            return new SubmittedFile(part.FileName!, job.Id, duplicate ? 200 : 202, duplicate, null);
        }
        catch (MediaRejectedException rejected)
        {
            return new SubmittedFile(part.FileName!, null, rejected.StatusCode, false, $"{rejected.Title} {rejected.Detail}".Trim());
        }
    }

    private static async Task<Ok<List<JobView>>> ListJobsAsync(string? status, SqlDatabase<CallsDb> database, ITenantContext tenant, CancellationToken ct)
    {
        var byStatus = Enum.TryParse<JobStatus>(status, ignoreCase: true, out var wanted) ? " AND \"Status\" = @status" : "";
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand(
            $"SELECT {CallJob.Columns} FROM \"call_jobs\" WHERE \"TenantId\" = @tenant{byStatus} ORDER BY \"CreatedAt\" DESC LIMIT 100")
            .WithTenant(tenant).WithParameter("status", wanted.ToString());
        var latest = await select.ReadAllAsync(CallJob.Read, ct);
        return TypedResults.Ok(latest.Select(JobView.From).ToList());
    }

    private static async Task<Results<Ok<JobView>, NotFound>> GetJobAsync(Guid jobId, SqlDatabase<CallsDb> database, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var job = await CallJob.FindAsync(connection, null, jobId, tenant.TenantId, lockRow: false, ct);
        return job is null ? TypedResults.NotFound() : TypedResults.Ok(JobView.From(job));
    }

    private static async Task<Results<Accepted<JobView>, NotFound, ProblemHttpResult>> RetryAsync(
        Guid jobId, SqlDatabase<CallsDb> database, ITenantContext tenant, IEventPublisher events, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Locked, so that of two retries at once only one restarts the call.
        var job = await CallJob.FindAsync(connection, transaction, jobId, tenant.TenantId, lockRow: true, ct);
        if (job is null)
        {
            return TypedResults.NotFound();
        }
        if (job.Status != JobStatus.Failed)
        {
            return TypedResults.Problem(statusCode: 409, title: "The call has not failed.", detail: $"Only failed calls can be retried; this one is {job.Status.ToString().ToLowerInvariant()}.");
        }
        job.Status = JobStatus.Running;
        job.Attempts = 0;
        job.Error = null;
        job.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await job.UpdateAsync(transaction, ct);
        await events.PublishAsync(StageEvent(job), transaction, ct);
        await events.CommitAsync(transaction, ct);
        return TypedResults.Accepted($"/api/calls/{job.Id}", JobView.From(job));
    }

    /// <summary>The event that starts <paramref name="job"/>'s current stage.</summary>
    public static IntegrationEvent StageEvent(CallJob job) => job.Stage switch
    {
        PipelineStage.Transcribe => new CallSubmittedIntegrationEvent(job.Id) { TenantId = job.TenantId },
        PipelineStage.Analyze => new TranscriptionCompletedIntegrationEvent(job.Id, "", "") { TenantId = job.TenantId },
        _ => new CallPostprocessedIntegrationEvent(job.Id) { TenantId = job.TenantId },
    };
}

/// <summary>Reads multipart parts one at a time, streaming each file without buffering it.</summary>
public static class MultipartFiles
{
    /// <summary>A form value, a file being streamed, or the problem that stops reading.</summary>
    public sealed record Part(string FieldName, string? Value, string? FileName, Stream? Content, ProblemHttpResult? Problem);

    public static async IAsyncEnumerable<Part> ReadAsync(HttpRequest request, PipelineOptions options,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            yield return new Part("", null, null, null, TypedResults.Problem(statusCode: 415, title: "Expected multipart/form-data.",
                detail: "Send the recordings as multipart/form-data parts named 'file'."));
            yield break;
        }
        // Files stream straight to the media service, which enforces the per-file size limit.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxUploadBytes * options.MaxFilesPerRequest;
        }
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = options.MaxUploadBytes };
        var files = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (!disposition.IsFileDisposition())
            {
                using var valueReader = new StreamReader(section.Body);
                yield return new Part(name, await valueReader.ReadToEndAsync(ct), null, null, null);
                continue;
            }
            if (++files > options.MaxFilesPerRequest)
            {
                yield return new Part(name, null, null, null, TypedResults.Problem(statusCode: 413, title: "Too many files.",
                    detail: $"At most {options.MaxFilesPerRequest} files per request."));
                yield break;
            }
            var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
            yield return new Part(name, null, string.IsNullOrWhiteSpace(fileName) ? $"upload-{files}" : fileName,
                section.Body, null);
        }
    }
}
