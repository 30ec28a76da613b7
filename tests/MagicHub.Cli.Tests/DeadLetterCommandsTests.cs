using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Cli.Tests;

public sealed class DeadLetterCommandsTests
{
    private static readonly Guid EventId = Guid.Parse("0196a1b2-0000-7000-8000-0000000000aa");

    private static void Map(WebApplication app)
    {
        // Shapes and casing of MagicHub.Messaging.Admin (web JSON defaults).
        app.MapGet("/calls/admin/messaging/dead-letters", () => Results.Json(new[]
        {
            new { subscriber = "calls.save", eventId = EventId, type = "call.analyzed.v1", reason = "InvalidOperationException: database is locked", attempts = 5, deadLetteredAt = DateTimeOffset.Parse("2025-05-01T10:00:00Z") },
        }));
        app.MapGet("/calls/admin/messaging/dead-letters/{subscriber}/{eventId:guid}", (string subscriber, Guid eventId) => Results.Json(new
        {
            deadLetter = new { subscriber, eventId, type = "call.analyzed.v1", reason = "boom", attempts = 5, deadLetteredAt = DateTimeOffset.UtcNow },
            envelope = new { id = eventId, type = "call.analyzed.v1", data = new { job_id = Guid.Empty } },
        }));
        app.MapPost("/calls/admin/messaging/dead-letters/{subscriber}/{eventId:guid}/requeue", () => Results.NoContent());
        app.MapDelete("/calls/admin/messaging/dead-letters/{subscriber}", (string subscriber) => Results.Json(new { subscriber, purged = 7 }));
    }

    [Fact]
    public async Task List_prints_each_dead_letter_with_its_reason()
    {
        await using var stub = await StubGateway.StartAsync(Map);
        using var cli = new CliRunner();

        var run = await cli.RunAsync("dead-letters", "list", "--subscriber", "calls.save", "--url", stub.Url, "--token", "t");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("database is locked", run.Out);
        Assert.Contains(EventId.ToString(), run.Out);
        Assert.Equal("?subscriber=calls.save&limit=100", stub.To("/calls/admin/messaging/dead-letters").Single().Query);
    }

    [Fact]
    public async Task Requeue_without_a_subscriber_finds_it_from_the_event_id()
    {
        await using var stub = await StubGateway.StartAsync(Map);
        using var cli = new CliRunner();

        var run = await cli.RunAsync("dead-letters", "requeue", EventId.ToString(), "--url", stub.Url, "--token", "t");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(stub.To($"/calls/admin/messaging/dead-letters/calls.save/{EventId}/requeue"), r => r.Method == "POST");
        Assert.Contains("Requeued event", run.Out);
    }

    [Fact]
    public async Task Show_prints_the_envelope_and_an_unknown_event_is_a_clear_error()
    {
        await using var stub = await StubGateway.StartAsync(Map);
        using var cli = new CliRunner();

        var shown = await cli.RunAsync("dead-letters", "show", EventId.ToString(), "--url", stub.Url, "--token", "t");
        var unknown = await cli.RunAsync("dead-letters", "show", Guid.NewGuid().ToString(), "--url", stub.Url, "--token", "t");

        Assert.Contains("\"envelope\"", shown.Out);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No dead letter for event", unknown.Error);
    }

    [Fact]
    public async Task Purge_needs_a_subscriber_and_reports_how_many_were_deleted()
    {
        await using var stub = await StubGateway.StartAsync(Map);
        using var cli = new CliRunner();

        var without = await cli.RunAsync("dead-letters", "purge", "--url", stub.Url, "--token", "t");
        var with = await cli.RunAsync("dead-letters", "purge", "--subscriber", "calls.save", "--url", stub.Url, "--token", "t");

        Assert.Equal(1, without.ExitCode);
        Assert.Contains("--subscriber", without.Error);
        Assert.Equal(0, with.ExitCode);
        Assert.Contains("Purged 7 dead letter(s) of calls.save.", with.Out);
    }
}
