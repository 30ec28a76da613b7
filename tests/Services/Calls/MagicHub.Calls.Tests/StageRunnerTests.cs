using System.Data.Common;
using MagicHub.Calls.Calls;
using MagicHub.Calls.Pipeline;
using MagicHub.Messaging;
using MagicHub.Persistence;
using MagicHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MagicHub.Calls.Tests;

/// <summary>
/// The stage pipeline's storage semantics, on each engine: a stage's results and the next event commit together,
/// redelivery skips finished stages, and two deliveries of one stage at once store one result and one next event.
/// </summary>
public abstract class StageRunnerTests(SqliteEngine engine) : IAsyncLifetime
{
    private const string Transcript = "{\"transcription\":\"Agent: hello\",\"domain\":\"banking\",\"category\":\"card_lost\",\"tokens_stage1\":[10,20]}";
    private const string Extraction =
        "{\"domain_specific_data\":{\"card\":\"visa\"},\"general_metrics\":{\"sentiment_intent\":{\"overall\":{\"label\":\"Negative\"}}},\"tokens_combined\":[30,40]}";

    private CallsHost _host = null!;
    private readonly string _tenant = "t-" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = CallsHost.Start(CallsHost.NewSettings(engine));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_stage_stores_its_result_with_the_next_event_and_a_redelivery_skips_it()
    {
        var job = await InsertJobAsync(PipelineStage.Transcribe);
        var runs = 0;
        StageWork transcribe = (j, transaction, ct) =>
        {
            Assert.Null(transaction);
            runs++;
            j.TranscriptionJson = Transcript;
            j.Stage = PipelineStage.Analyze;
            return Task.FromResult<IntegrationEvent?>(new TranscriptionCompletedIntegrationEvent(j.Id, "banking", "card_lost"));
        };

        await RunAsync(job.Id, PipelineStage.Transcribe, null, transcribe);
        await RunAsync(job.Id, PipelineStage.Transcribe, null, transcribe);

        var stored = await ReadJobAsync(job.Id);
        Assert.Equal(1, runs);
        Assert.Equal((PipelineStage.Analyze, JobStatus.Running, Transcript), (stored.Stage, stored.Status, stored.TranscriptionJson));
        Assert.Contains("\"transcribe\":{\"started\":", stored.TimingsJson, StringComparison.Ordinal);
        Assert.Contains("\"finished\":", stored.TimingsJson, StringComparison.Ordinal);
        Assert.Equal([("transcription.completed.v1", _tenant)], (await _host.OutboxAsync(job.Id)).Select(e => (e.Type, e.Tenant)));
    }

    [Fact]
    public async Task Two_deliveries_of_one_stage_at_once_store_one_result_and_one_next_event()
    {
        var job = await InsertJobAsync(PipelineStage.Transcribe);
        var bothStarted = new TaskCompletionSource();
        var started = 0;
        StageWork Transcribe(string text) => async (j, _, ct) =>
        {
            if (Interlocked.Increment(ref started) == 2)
            {
                bothStarted.SetResult();
            }
            await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            j.TranscriptionJson = $"{{\"transcription\":\"{text}\"}}";
            j.Stage = PipelineStage.Analyze;
            return new TranscriptionCompletedIntegrationEvent(j.Id, text, text);
        };

        await Task.WhenAll(
            RunAsync(job.Id, PipelineStage.Transcribe, null, Transcribe("first")),
            RunAsync(job.Id, PipelineStage.Transcribe, null, Transcribe("second")));

        var stored = await ReadJobAsync(job.Id);
        var events = await _host.OutboxAsync(job.Id);
        Assert.Equal(PipelineStage.Analyze, stored.Stage);
        var winner = Assert.Single(events);
        Assert.Contains(stored.TranscriptionJson!.Contains("first", StringComparison.Ordinal) ? "\"domain\":\"first\"" : "\"domain\":\"second\"",
            winner.Envelope, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_failures_count_attempts_until_the_call_fails_with_its_finished_event()
    {
        var job = await InsertJobAsync(PipelineStage.Analyze);
        StageWork broken = (_, _, _) => throw new HttpRequestException("extraction answered 503");

        for (var attempt = 1; attempt < 3; attempt++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => RunAsync(job.Id, PipelineStage.Analyze, null, broken));
            Assert.Equal(attempt, (await ReadJobAsync(job.Id)).Attempts);
        }
        await RunAsync(job.Id, PipelineStage.Analyze, null, broken);

        var stored = await ReadJobAsync(job.Id);
        Assert.Equal((JobStatus.Failed, 3), (stored.Status, stored.Attempts));
        Assert.Contains("Analyze attempt 3 failed: extraction answered 503", stored.Error, StringComparison.Ordinal);
        var finished = Assert.Single(await _host.OutboxAsync(job.Id));
        Assert.Equal("call.finished.v1", finished.Type);
        Assert.Contains("\"status\":\"failed\"", finished.Envelope, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_that_cannot_succeed_fails_the_call_at_once()
    {
        var job = await InsertJobAsync(PipelineStage.Transcribe);

        await RunAsync(job.Id, PipelineStage.Transcribe, null, (_, _, _) => throw new StepFailedException("The audio is corrupt."));

        var stored = await ReadJobAsync(job.Id);
        Assert.Equal((JobStatus.Failed, "The audio is corrupt.", PipelineStage.Transcribe), (stored.Status, stored.Error, stored.Stage));
        Assert.Equal(["call.finished.v1"], (await _host.OutboxAsync(job.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Save_stores_the_call_and_its_events_in_the_delivery_transaction_only_when_it_commits()
    {
        var job = await InsertJobAsync(PipelineStage.Save);

        await using (var connection = await _host.Database.OpenAsync(Ct))
        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await SaveAsync(job.Id, transaction);
            // Rolled back, as when the inbox insert fails after the handler.
        }
        Assert.Equal(PipelineStage.Save, (await ReadJobAsync(job.Id)).Stage);
        Assert.Empty(await _host.OutboxAsync(job.Id));

        await SaveInOwnTransactionAsync(job.Id);
        await SaveInOwnTransactionAsync(job.Id);

        var stored = await ReadJobAsync(job.Id);
        Assert.Equal((PipelineStage.Done, JobStatus.Completed), (stored.Stage, stored.Status));
        var call = await ReadCallAsync(job.Id);
        Assert.Equal(stored.CallId, call.Id);
        Assert.Equal(("banking", "card_lost", "negative", "Agent: hello"), (call.Domain, call.Category, call.Sentiment, call.Transcription));
        Assert.Equal((10, 20, 30, 40), (call.Stage1InputTokens, call.Stage1OutputTokens, call.Stage2InputTokens, call.Stage2OutputTokens));
        Assert.Equal("{\"card\":\"visa\"}", call.DomainSpecific?.DataJson);
        Assert.Equal(["call.analyzed.v1", "call.finished.v1"], (await _host.OutboxAsync(job.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Two_saves_of_one_call_at_once_store_it_once()
    {
        var job = await InsertJobAsync(PipelineStage.Save);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SaveInOwnTransactionAsync(job.Id), Ct)));

        Assert.Equal(PipelineStage.Done, (await ReadJobAsync(job.Id)).Stage);
        await using var connection = await _host.Database.OpenAsync(Ct);
        await using var count = connection.CreateCommand("SELECT count(*) FROM \"general\" WHERE \"JobId\" = @job").WithParameter("job", job.Id);
        Assert.Equal(1L, Convert.ToInt64(await count.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["call.analyzed.v1", "call.finished.v1"], (await _host.OutboxAsync(job.Id)).Select(e => e.Type));
    }

    private async Task SaveInOwnTransactionAsync(Guid jobId)
    {
        await using var connection = await _host.Database.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await SaveAsync(jobId, transaction);
        await transaction.CommitAsync(Ct);
    }

    private async Task SaveAsync(Guid jobId, DbTransaction transaction)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var save = scope.ServiceProvider.GetRequiredService<SaveStep>();
        await save.HandleAsync(new CallPostprocessedIntegrationEvent(jobId) { TenantId = _tenant }, Deliveries.Context(transaction), Ct);
    }

    private async Task RunAsync(Guid jobId, PipelineStage stage, DbTransaction? transaction, StageWork work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StageRunner>().RunAsync(jobId, _tenant, stage, Deliveries.Context(transaction), work, Ct);
    }

    private async Task<CallJob> InsertJobAsync(PipelineStage stage)
    {
        var now = DateTime.UtcNow;
        var job = new CallJob
        {
            Id = Guid.CreateVersion7(), TenantId = _tenant, IdempotencyKey = "key:" + Guid.NewGuid(), FileName = "stage.wav", MediaId = Guid.NewGuid(),
            SizeBytes = 100, Stage = stage, Status = stage == PipelineStage.Transcribe ? JobStatus.Queued : JobStatus.Running,
            TranscriptionJson = stage > PipelineStage.Transcribe ? Transcript : null,
            ExtractionJson = stage > PipelineStage.Analyze ? Extraction : null,
            CreatedAt = now, UpdatedAt = now,
        };
        await using var connection = await _host.Database.OpenAsync(Ct);
        await using var insert = job.AddParameters(connection.CreateCommand(CallJob.Insert));
        await insert.ExecuteNonQueryAsync(Ct);
        return job;
    }

    private async Task<CallJob> ReadJobAsync(Guid jobId)
    {
        await using var connection = await _host.Database.OpenAsync(Ct);
        return (await CallJob.FindAsync(connection, null, jobId, _tenant, lockRow: false, Ct))!;
    }

    private async Task<CallRecord> ReadCallAsync(Guid jobId)
    {
        await using var connection = await _host.Database.OpenAsync(Ct);
        await using var select = connection.CreateCommand($"SELECT {CallRecord.Columns} FROM {CallRecord.FromWithData} WHERE c.\"JobId\" = @job")
            .WithParameter("job", jobId).WithParameter("tenant", _tenant);
        return (await select.ReadFirstAsync(CallRecord.Read, Ct))!;
    }
}

public sealed class SqliteStageRunnerTests(SqliteEngine engine) : StageRunnerTests(engine), IClassFixture<SqliteEngine>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresStageRunnerTests(PostgresEngine engine) : StageRunnerTests(engine);
