using System.Text.Json;
using MagicHub.Calls.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Calls.Pipeline;

/// <summary>
/// <c>GET /api/calls/{id}/events</c>: server-sent events with the job's view each time it changes, read from the
/// database so the feed survives restarts of the workers; ends with a <c>completed</c> or <c>failed</c> event.
/// </summary>
public static class ProgressFeed
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    public static async Task<IResult> StreamAsync(Guid jobId, SqlDatabase<CallsDb> database, ITenantContext tenant, HttpContext http, CancellationToken ct)
    {
        var job = await FindAsync(database, jobId, tenant, ct);
        if (job is null)
        {
            return TypedResults.NotFound();
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var started = DateTime.UtcNow;
        string? last = null;
        while (!ct.IsCancellationRequested && DateTime.UtcNow - started < MaxDuration)
        {
            var view = JsonSerializer.Serialize(JobView.From(job), CallsJsonContext.Default.JobView);
            if (view != last)
            {
                var name = job.IsFinished ? job.Status.ToString().ToLowerInvariant() : "progress";
                await http.Response.WriteAsync($"event: {name}\ndata: {view}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                last = view;
            }
            if (job.IsFinished)
            {
                break;
            }
            await Task.Delay(PollInterval, ct);
            job = await FindAsync(database, jobId, tenant, ct);
            if (job is null)
            {
                break;
            }
        }
        return TypedResults.Empty;
    }

    // A connection per poll: the feed holds none while it waits.
    private static async Task<CallJob?> FindAsync(SqlDatabase<CallsDb> database, Guid jobId, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await CallJob.FindAsync(connection, null, jobId, tenant.TenantId, lockRow: false, ct);
    }
}
