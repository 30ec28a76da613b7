using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Cli.Tests;

/// <summary>The calls service as the gateway exposes it, with answers shaped like its DTOs; jobs advance one stage per poll.</summary>
public sealed class FakeCalls
{
    private readonly ConcurrentDictionary<Guid, (string File, int Polls, Guid CallId)> jobs = new();

    /// <summary>Parts of the last POST /api/calls: field name, file name, bytes.</summary>
    public ConcurrentQueue<(string Name, string FileName, long Length)> Parts { get; } = new();

    /// <summary>Files whose job ends failed.</summary>
    public HashSet<string> Failing { get; } = [];

    public void Map(WebApplication app)
    {
        app.MapPost("/api/calls", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var files = new List<object>();
            var rejected = 0;
            foreach (var file in form.Files)
            {
                Parts.Enqueue((file.Name, file.FileName, file.Length));
                if (file.FileName.StartsWith("corrupt", StringComparison.Ordinal))
                {
                    rejected++;
                    files.Add(new { filename = file.FileName, job_id = (Guid?)null, status = 415, duplicate = false, error = "Not audio. The content is not a recognised audio format." });
                    continue;
                }
                var id = Guid.NewGuid();
                jobs[id] = (file.FileName, 0, Guid.NewGuid());
                files.Add(new { filename = file.FileName, job_id = (Guid?)id, status = 202, duplicate = false, error = (string?)null });
            }
            if (files.Count == 1 && form.Files[0].FileName.StartsWith("corrupt", StringComparison.Ordinal))
            {
                return Problems.Of(415, "The file was rejected.", $"{form.Files[0].FileName}: Not audio.");
            }
            return Results.Json(new { accepted = files.Count - rejected, rejected, files }, statusCode: 202);
        });
        app.MapGet("/api/calls/{id:guid}", (Guid id) =>
        {
            if (!jobs.TryGetValue(id, out var job))
            {
                return Results.NotFound();
            }
            var polls = job.Polls + 1;
            jobs[id] = job with { Polls = polls };
            return Results.Json(Job(id, job.File, polls, job.CallId, Failing.Contains(job.File)));
        });
        app.MapGet("/calls/call/{id:guid}", (Guid id) => jobs.Values.Any(j => j.CallId == id)
            ? Results.Json(Call(id, jobs.Values.First(j => j.CallId == id).File))
            : Problems.Of(404, "Not Found", $"No call {id}."));
    }

    public static object Job(Guid id, string file, int polls, Guid callId, bool failing)
    {
        var stage = Math.Min(polls, 3);
        string State(int index) => index < stage ? "done" : index == stage ? (failing && stage == 1 ? "failed" : "running") : "pending";
        var status = failing && stage >= 1 ? "failed" : stage == 3 ? "completed" : "running";
        string[] names = ["transcribe", "analyze", "save"];
        return new
        {
            job_id = id,
            filename = file,
            status,
            stage = names[Math.Min(stage, 2)],
            stages = names.Select((n, i) => new { name = n, state = State(i), started_at = (DateTime?)null, finished_at = (DateTime?)null, duration_ms = i < stage ? 1200.0 : (double?)null }),
            attempts = 1,
            error = status == "failed" ? "Extraction rejected the call (422): transcript is empty." : null,
            call_id = status == "completed" ? callId : (Guid?)null,
            media_id = Guid.NewGuid(),
            created_at = new DateTime(2025, 5, 1, 10, 0, 0, DateTimeKind.Utc),
            updated_at = new DateTime(2025, 5, 1, 10, 0, 4, 500, DateTimeKind.Utc),
        };
    }

    public static object Call(Guid id, string file) => new
    {
        call_id = id,
        filename = file,
        domain = "banking",
        category = "card_issue",
        sentiment = "negative",
        transcription = "my card was blocked at the shop",
        general_metrics = new { sentiment = new { overall = "negative" }, customer_satisfaction = 2 },
        domain_specific_data = new { card_type = "debit" },
        tokens_stage1 = new[] { 120, 30 },
        tokens_stage2 = new[] { 300, 80 },
        media_id = Guid.NewGuid().ToString(),
        created_at = new DateTime(2025, 5, 1, 10, 0, 4, DateTimeKind.Utc),
    };

    public static object Tokens(string access, string refresh) => new
    {
        access_token = access,
        token_type = "Bearer",
        expires_in = 900,
        refresh_token = refresh,
        session_id = "s1",
        tenant_id = "t1",
        subject = "u1",
        role = "owner",
    };
}
