using System.Net;
using MagicHub.Cli.Http;

namespace MagicHub.Cli.Commands;

/// <summary>Submits recordings with <c>POST /api/calls</c> and follows each job until it completes or fails.</summary>
public sealed class CallSubmitter(GatewayClient client, TimeSpan pollInterval, TimeSpan timeout)
{
    /// <summary>The server's default limit of files per request.</summary>
    public const int FilesPerRequest = 50;

    /// <summary>Submits <paramref name="paths"/> (in requests of at most <see cref="FilesPerRequest"/> files).</summary>
    public async Task<IReadOnlyList<SubmittedFile>> SubmitAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        var submitted = new List<SubmittedFile>();
        foreach (var chunk in paths.Chunk(FilesPerRequest))
        {
            using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/calls") { Content = UploadContent.Files(chunk) }, ct);
            if (chunk.Length == 1 && IsRejection(response.StatusCode))
            {
                // One file that the server rejected comes back as the request's problem.
                var reason = ProblemMessage.Format(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
                submitted.Add(new SubmittedFile(Path.GetFileName(chunk[0]), null, (int)response.StatusCode, false, reason));
                continue;
            }
            var answer = await GatewayClient.ReadJsonAsync<SubmissionResponse>(response, ct);
            submitted.AddRange(answer.Files);
        }
        return submitted;
    }

    /// <summary>Polls <c>GET /api/calls/{id}</c>, reporting every change, until the job finishes or the timeout passes.</summary>
    public async Task<JobView> FollowAsync(Guid jobId, Action<JobView> progress, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (true)
        {
            var job = await client.GetJsonAsync<JobView>($"api/calls/{jobId}", ct);
            var signature = $"{job.Status}|{job.Stage}|{string.Join(",", job.Stages.Select(s => s.State))}";
            if (signature != last)
            {
                progress(job);
                last = signature;
            }
            if (job.IsFinished || DateTime.UtcNow >= deadline)
            {
                return job;
            }
            await Task.Delay(pollInterval, ct);
        }
    }

    /// <summary>Follows a submitted file to its result row.</summary>
    public async Task<TranscribeResult> ResultAsync(SubmittedFile file, Action<JobView> progress, CancellationToken ct)
    {
        if (file.JobId is not { } jobId)
        {
            return new TranscribeResult(file.FileName, "rejected", Error: file.Error ?? $"HTTP {file.Status}");
        }
        JobView job;
        try
        {
            job = await FollowAsync(jobId, progress, ct);
        }
        catch (CliException ex)
        {
            return new TranscribeResult(file.FileName, "unknown", jobId, Error: ex.Message, Duplicate: file.Duplicate);
        }
        var seconds = Math.Round((job.UpdatedAt - job.CreatedAt).TotalSeconds, 1);
        if (!job.IsFinished)
        {
            return new TranscribeResult(file.FileName, job.Status, jobId, Seconds: seconds, Duplicate: file.Duplicate,
                Error: $"Still {job.Status} ({job.Stage}) after {timeout.TotalSeconds:0} s; follow it with 'magichub calls job {jobId}'.");
        }
        if (job.Status != "completed" || job.CallId is not { } callId)
        {
            return new TranscribeResult(file.FileName, job.Status, jobId, Seconds: seconds, Duplicate: file.Duplicate, Error: job.Error ?? $"failed at {job.Stage}");
        }
        try
        {
            var call = await client.GetJsonAsync<CallDetail>($"calls/call/{callId}", ct);
            return new TranscribeResult(file.FileName, job.Status, jobId, callId, call.Domain, call.Category, call.Sentiment, seconds, file.Duplicate);
        }
        catch (CliException ex)
        {
            return new TranscribeResult(file.FileName, job.Status, jobId, callId, Seconds: seconds, Duplicate: file.Duplicate, Error: $"The call could not be read: {ex.Message}");
        }
    }

    private static bool IsRejection(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests);
}
