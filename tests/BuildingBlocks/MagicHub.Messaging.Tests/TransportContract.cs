using System.Net;
using System.Net.Http.Json;
using MagicHub.Messaging.Admin;
using MagicHub.Messaging.Samples;
using MagicHub.Messaging.Tests.Infrastructure;
using MagicHub.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace MagicHub.Messaging.Tests;

/// <summary>One set of test bodies that every transport must pass (in-process and RabbitMQ).</summary>
public abstract class TransportContract
{
    protected abstract TransportSetup Transport { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Event_committed_with_its_state_change_is_handled_once_with_its_envelope()
    {
        using var metrics = new MessagingMeterListener();
        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, EffectTestHandler>("effect"));
        var evt = TestApp.Ingested("tenant-42");

        await app.PublishAsync(evt);
        await app.WaitForEffectsAsync("effect", 1);

        var effect = Assert.Single(await app.EffectRowsAsync("effect"));
        Assert.Equal(evt.Id, effect.EventId);
        Assert.Equal($"tenant-42|{evt.MediaUri}|42000", effect.Detail);
        // The relay marks the row sent after the broker's confirm, which may come after the handler ran.
        var row = Assert.Single(await Eventually.WaitAsync(app.OutboxAsync,
            r => r.Single().SentAt is not null, TimeSpan.FromSeconds(10), "the outbox row to be marked sent"));
        var envelope = EventEnvelope.Parse(row.Envelope);
        Assert.Equal(("1.0", "/" + app.Service, "recording.ingested.v1", "tenant-42", evt.Id),
            (envelope.SpecVersion, envelope.Source, envelope.Type, envelope.Tenant, envelope.Id));
        Assert.True(await app.InboxContainsAsync(app.Subscriber("effect"), evt.Id));
        Assert.Equal(1, metrics.Sum("magichub.messaging.delivered", app.Subscriber("effect")));
    }

    [Fact]
    public async Task Event_of_a_rolled_back_change_is_never_delivered()
    {
        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, EffectTestHandler>("effect"));
        var lost = TestApp.Ingested();
        await using (var connection = await app.Database.OpenAsync(waitForWriter: true, Ct))
        {
            await using var tx = await connection.BeginTransactionAsync(Ct);
            await SampleSql.AddRecordingAsync(tx, 7, lost.RecordingId, Ct);
            await app.App.Services.GetRequiredService<IEventPublisher>().PublishAsync(lost, tx, Ct);
            await tx.RollbackAsync(Ct);
        }
        var marker = TestApp.Ingested();
        await app.PublishAsync(marker);

        await app.WaitForEffectsAsync("effect", 1, marker.Id);
        Assert.Equal(0, await app.EffectsAsync("effect", lost.Id));
        Assert.DoesNotContain(await app.OutboxAsync(), m => m.EventId == lost.Id);
    }

    [Fact]
    public async Task Event_sent_twice_is_handled_once()
    {
        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, EffectTestHandler>("effect"));
        var evt = TestApp.Ingested();
        await app.PublishAsync(evt);
        await app.WaitForEffectsAsync("effect", 1, evt.Id);

        // Simulate a relay crash after sending but before marking the row sent: it is sent again.
        Assert.Equal(1, await app.ExecuteAsync("UPDATE \"messaging_outbox\" SET \"SentAt\" = NULL WHERE \"EventId\" = @id", ("id", evt.Id)));
        await Eventually.WaitAsync(app.OutboxAsync, rows => rows.Single(m => m.EventId == evt.Id).SentAt is not null,
            TimeSpan.FromSeconds(10), "the row to be sent again");
        var marker = TestApp.Ingested();
        await app.PublishAsync(marker);
        await app.WaitForEffectsAsync("effect", 1, marker.Id);

        Assert.Equal(1, await app.EffectsAsync("effect", evt.Id));
    }

    [Fact]
    public async Task Failing_handler_is_retried_with_backoff_and_leaves_one_effect()
    {
        using var metrics = new MessagingMeterListener();
        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, FlakyTestHandler>("flaky"));
        var evt = TestApp.Ingested();

        await app.PublishAsync(evt);
        await app.WaitForEffectsAsync("flaky", 1, evt.Id);

        Assert.Equal(3, app.App.Services.GetRequiredService<FailurePlan>().Attempts(evt.Id));
        Assert.Equal(2, metrics.Sum("magichub.messaging.retried", app.Subscriber("flaky")));
        Assert.Equal(1, await app.EffectsAsync("flaky", evt.Id));
    }

    [Fact]
    public async Task Non_transactional_subscription_runs_without_a_transaction_and_its_event_lands_in_the_inbox()
    {
        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, NonTransactionalTestHandler>("outside", transactional: false));
        var evt = TestApp.Ingested();

        await app.PublishAsync(evt);

        await Eventually.WaitAsync(() => app.InboxContainsAsync(app.Subscriber("outside"), evt.Id), seen => seen, TimeSpan.FromSeconds(20), "the inbox row");
        // Its effect stayed although two attempts failed after writing it: nothing rolls a non-transactional handler back.
        Assert.Equal(3, app.App.Services.GetRequiredService<FailurePlan>().Attempts(evt.Id));
        Assert.Equal(1, await app.EffectsAsync("outside", evt.Id));
    }

    [Fact]
    public async Task Always_throwing_handler_is_dead_lettered_after_retries_and_requeue_after_fix_delivers_once()
    {
        using var metrics = new MessagingMeterListener();
        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, BrokenTestHandler>("broken"));
        var subscriber = app.Subscriber("broken");
        var evt = TestApp.Ingested();
        await app.PublishAsync(evt);

        var letters = await Eventually.WaitAsync(
            () => app.Client.GetFromJsonAsync<List<DeadLetterInfo>>($"/admin/messaging/dead-letters?subscriber={subscriber}", Ct)!,
            l => l!.Count > 0, TimeSpan.FromSeconds(20), "a dead letter");
        var letter = Assert.Single(letters!);
        Assert.Equal((evt.Id, "recording.ingested.v1", 3), (letter.EventId, letter.Type, letter.Attempts));
        Assert.Contains("bug: cannot parse media uri", letter.Reason);
        Assert.Equal(1, metrics.Sum("magichub.messaging.dead_lettered", subscriber));
        var detail = await app.Client.GetFromJsonAsync<DeadLetterDetail>($"/admin/messaging/dead-letters/{subscriber}/{evt.Id}", Ct);
        Assert.Equal(evt.MediaUri, detail!.Envelope.GetProperty("data").GetProperty("mediaUri").GetString());
        Assert.Equal(0, await app.EffectsAsync("broken"));

        app.App.Services.GetRequiredService<HandlerSwitch>().Broken = false;
        var requeue = await app.Client.PostAsync($"/admin/messaging/dead-letters/{subscriber}/{evt.Id}/requeue", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, requeue.StatusCode);

        await app.WaitForEffectsAsync("broken", 1, evt.Id);
        await Task.Delay(300, Ct);
        Assert.Equal(1, await app.EffectsAsync("broken", evt.Id));
        Assert.Empty((await app.Client.GetFromJsonAsync<List<DeadLetterInfo>>($"/admin/messaging/dead-letters?subscriber={subscriber}", Ct))!);
        var again = await app.Client.PostAsync($"/admin/messaging/dead-letters/{subscriber}/{evt.Id}/requeue", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dead_letters_can_be_deleted_one_by_one_and_purged()
    {
        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, BrokenTestHandler>("broken"));
        var subscriber = app.Subscriber("broken");
        var (first, second) = (TestApp.Ingested(), TestApp.Ingested());
        await app.PublishAsync(first, second);
        await Eventually.WaitAsync(
            () => app.Client.GetFromJsonAsync<List<DeadLetterInfo>>($"/admin/messaging/dead-letters?subscriber={subscriber}", Ct)!,
            l => l!.Count == 2, TimeSpan.FromSeconds(20), "two dead letters");

        var deleted = await app.Client.DeleteAsync($"/admin/messaging/dead-letters/{subscriber}/{first.Id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var purged = await (await app.Client.DeleteAsync($"/admin/messaging/dead-letters/{subscriber}", Ct)).Content.ReadFromJsonAsync<PurgeResult>(Ct);
        Assert.Equal(1, purged!.Purged);
        Assert.Empty((await app.Client.GetFromJsonAsync<List<DeadLetterInfo>>($"/admin/messaging/dead-letters?subscriber={subscriber}", Ct))!);
        var badLimit = await app.Client.GetAsync("/admin/messaging/dead-letters?limit=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Replay_redelivers_past_events_of_a_type_from_a_time_to_one_subscriber_only()
    {
        await using var app = await TestApp.CreateAsync(Transport, s => s
            .AddSubscription<RecordingIngestedIntegrationEvent, EffectTestHandler>("effect")
            .AddSubscription<RecordingIngestedIntegrationEvent, AuditTestHandler>("audit"));
        var now = DateTimeOffset.UtcNow;
        var old = TestApp.Ingested(at: now.AddHours(-2));
        var recent = new[] { TestApp.Ingested(at: now.AddMinutes(-10)), TestApp.Ingested(at: now.AddMinutes(-5)) };
        await app.PublishAsync([old, .. recent]);
        await app.WaitForEffectsAsync("effect", 3);
        await app.WaitForEffectsAsync("audit", 3);
        // Replay reads the sent rows; with RabbitMQ the broker's confirm (then "sent") may come after the handlers ran.
        await Eventually.WaitAsync(app.OutboxAsync, rows => rows.All(r => r.SentAt is not null), TimeSpan.FromSeconds(10), "the rows to be marked sent");

        var response = await app.Client.PostAsJsonAsync("/admin/messaging/replay",
            new ReplayRequest("recording.ingested.v1", now.AddHours(-1), app.Subscriber("effect")), Ct);
        var result = await response.Content.ReadFromJsonAsync<ReplayResult>(Ct);

        Assert.Equal(2, result!.Replayed);
        await app.WaitForEffectsAsync("effect", 5);
        await Task.Delay(300, Ct);
        Assert.Equal(5, await app.EffectsAsync("effect"));
        Assert.Equal(1, await app.EffectsAsync("effect", old.Id));
        Assert.Equal(3, await app.EffectsAsync("audit"));
        var unknown = await app.Client.PostAsJsonAsync("/admin/messaging/replay",
            new ReplayRequest("recording.ingested.v1", now.AddHours(-1), app.Service + ".nobody"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Events_committed_before_a_restart_are_delivered_after_it()
    {
        var evt = TestApp.Ingested();
        string service, dbPath;
        await using (var stopped = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, EffectTestHandler>("effect"), start: false))
        {
            stopped.KeepDatabase = true;
            await stopped.PublishAsync(evt);
            (service, dbPath) = (stopped.Service, stopped.DbPath);
        }

        await using var restarted = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, EffectTestHandler>("effect"), dbPath, service);
        await restarted.WaitForEffectsAsync("effect", 1, evt.Id);
    }

    [Fact]
    public async Task Seed_flow_runs_from_recording_ingested_to_call_analyzed()
    {
        await using var app = await TestApp.CreateAsync(Transport, s => s
            .AddSubscription<RecordingIngestedIntegrationEvent, TranscribeOnIngested>()
            .AddSubscription<TranscriptionCompletedIntegrationEvent, NormalizeOnTranscribed>()
            .AddSubscription<NlpPostprocessedIntegrationEvent, AnalyzeOnPostprocessed>()
            .AddSubscription<CallAnalyzedIntegrationEvent, StoreOnCallAnalyzed>());
        var evt = TestApp.Ingested("acme");

        await app.PublishAsync(evt);
        await app.WaitForEffectsAsync("analyzed", 1);

        var analyzed = Assert.Single(await app.EffectRowsAsync("analyzed"));
        Assert.Equal((evt.RecordingId, "[00:00-00:03] AGENT: HELLO"), (analyzed.RecordingId, analyzed.Detail));
        var types = (await app.OutboxAsync()).Where(m => m.Tenant == "acme").Select(m => m.Type).ToList();
        Assert.Equal(["recording.ingested.v1", "transcription.completed.v1", "nlp.postprocessed.v1", "call.analyzed.v1"], types);
    }
}

public sealed class InProcessTransportTests : TransportContract
{
    protected override TransportSetup Transport => TransportSetup.InProcess;
}

[Collection(RabbitMQTests.Name)]
public sealed class RabbitMQTransportTests(RabbitMQBroker broker) : TransportContract
{
    protected override TransportSetup Transport => TransportSetup.RabbitMQ(broker);

    [Fact]
    public async Task Event_that_no_subscriber_queue_is_bound_for_is_marked_sent_once_and_counted_unroutable()
    {
        // The benchmark once published before the consumer service had bound its queue: the broker dropped every
        // event without a trace and the run waited for deliveries forever. Now the drop is reported, not retried.
        // A type of its own: the durable queues of earlier tests in this broker stay bound to the sample types.
        var ct = TestContext.Current.CancellationToken;
        using var metrics = new MessagingMeterListener();
        await using var app = await TestApp.CreateAsync(Transport);
        await app.PublishAsync(new NobodySubscribedIntegrationEvent(), new NobodySubscribedIntegrationEvent());

        var rows = await Eventually.WaitAsync(app.OutboxAsync,
            r => r.All(m => m.SentAt is not null), TimeSpan.FromSeconds(20), "both outbox rows to be marked sent");
        Assert.All(rows, r => Assert.Equal((0, null), (r.Attempts, r.LastError)));
        await Eventually.WaitAsync(() => Task.FromResult(metrics.Sum("magichub.messaging.unroutable", "")), n => n >= 2,
            TimeSpan.FromSeconds(5), "two unroutable events counted");
    }
}

/// <summary>The in-process transport with the service database on PostgreSQL instead of SQLite.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresInProcessTransportTests(MagicHub.Testing.PostgresServer postgres) : TransportContract
{
    protected override TransportSetup Transport => TransportSetup.InProcess with { Postgres = postgres.ConnectionString };
}
