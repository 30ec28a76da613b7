using System.Diagnostics;
using System.Text;
using MagicHub.Messaging;
using MagicHub.Messaging.RabbitMQ;
using MagicHub.Messaging.Samples;
using MagicHub.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace MagicHub.Bench.Messaging;

/// <summary>Result row: committed = state + outbox commit, published = sent by the relay (or broker-confirmed), consumed = handled.</summary>
internal sealed record BenchResult(string Scenario, int Events, double CommitPerSecond, double PublishedPerSecond, double ConsumedPerSecond);

/// <summary>The scenarios; every wait is bounded by <paramref name="timeout"/> and reports progress and a diagnosis when it runs out.</summary>
internal sealed class Scenarios(string dir, TimeSpan timeout, Func<Task<string>> brokerQueues)
{
    private const int Batch = 50;

    /// <summary>Baseline: RabbitMQ.Client alone, persistent messages with confirms into a quorum queue, manual acks, no outbox or inbox.</summary>
    public async Task<BenchResult> RawRabbitMQAsync(string amqp, int events)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await using var consumer = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 4));
        var queue = "bench.raw." + Guid.NewGuid().ToString("N")[..6];
        await consumer.QueueDeclareAsync(queue, true, false, false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await consumer.BasicQosAsync(0, 32, false);
        var received = 0;
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, e) =>
        {
            await consumer.BasicAckAsync(e.DeliveryTag, false);
            Interlocked.Increment(ref received);
        };
        await consumer.BasicConsumeAsync(queue, false, handler);
        var clock = Stopwatch.StartNew();
        var body = Encoding.UTF8.GetBytes(new string('x', 400));
        using (var cts = new CancellationTokenSource(timeout))
        {
            for (var i = 0; i < events; i += Batch)
            {
                await Task.WhenAll(Enumerable.Range(0, Math.Min(Batch, events - i)).Select(_ =>
                    publisher.BasicPublishAsync("", queue, false, new BasicProperties { Persistent = true }, body, cts.Token).AsTask()));
            }
        }
        var published = clock.Elapsed;
        await WaitAsync("raw consumer acks", () => Task.FromResult(Volatile.Read(ref received)), events, () => brokerQueues());
        var consumed = clock.Elapsed;
        await consumer.QueueDeleteAsync(queue);
        return new("RabbitMQ.Client alone (confirms + acks, no outbox/inbox) — baseline", events, double.NaN, events / published.TotalSeconds, events / consumed.TotalSeconds);
    }

    /// <summary>
    /// Baseline: the same SQLite work without messaging — state rows committed in batches, then one transaction per event
    /// writing its effect row (the durable commit per event that the inbox needs), 4 writers as the dispatcher's concurrency.
    /// </summary>
    public async Task<BenchResult> RawSqliteAsync(int events)
    {
        using var host = Build(Path.Combine(dir, $"raw{Guid.NewGuid():N}.db"), new Dictionary<string, string?>(), "raw", subscribe: false);
        await host.StartAsync();
        var clock = Stopwatch.StartNew();
        var ids = new List<Guid>(events);
        for (var i = 0; i < events; i += Batch)
        {
            await using var connection = await BenchDatabase.OpenAsync(host);
            await using var tx = await connection.BeginTransactionAsync();
            for (var j = 0; j < Math.Min(Batch, events - i); j++)
            {
                var id = Guid.CreateVersion7();
                await BenchDatabase.AddRecordingAsync(tx, id, $"media://recordings/{i + j}");
                ids.Add(id);
            }
            await tx.CommitAsync();
        }
        var committed = clock.Elapsed;
        var next = -1;
        using var cts = new CancellationTokenSource(timeout);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < events; i = Interlocked.Increment(ref next))
            {
                await using var connection = await BenchDatabase.OpenAsync(host, cts.Token);
                await using var tx = await connection.BeginTransactionAsync(cts.Token);
                await BenchDatabase.AddEffectAsync(tx, ids[i], cts.Token);
                await tx.CommitAsync(cts.Token);
            }
        })));
        var consumed = clock.Elapsed;
        await host.StopAsync();
        return new("SQLite alone (same state commits, one transaction per effect row, 4 writers) — baseline", events,
            events / committed.TotalSeconds, double.NaN, events / consumed.TotalSeconds);
    }

    /// <summary>MagicHub.Messaging end to end: state + outbox commit, relay, transport, inbox + handler commit.</summary>
    public async Task<BenchResult> MessagingAsync(string transport, string? amqp, int events)
    {
        var service = $"bench{transport}{Guid.NewGuid().ToString("N")[..4]}";
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = transport,
            ["Messaging:RabbitMQ:ConnectionString"] = amqp,
        };
        // With RabbitMQ the consumer is a second service with its own database; in-process it is the same service.
        var inProcess = transport == MessagingTransports.InProcess;
        using var producer = Build(Path.Combine(dir, service + "-producer.db"), settings, service + "-producer", subscribe: inProcess);
        using var consumer = inProcess ? null : Build(Path.Combine(dir, service + "-consumer.db"), settings, service + "-consumer", subscribe: true);
        var consumerHost = consumer ?? producer;
        if (consumer is not null)
        {
            await consumer.StartAsync();
            // RabbitMQ drops an event that no queue is bound for: publishing before the consumer service has declared and
            // bound its queue loses the event (this is what stalled the benchmark). A consumer is attached after the bind.
            await WaitAsync("the consumer's queue to be bound and consumed", () => ConsumersAsync(amqp!, $"{service}-consumer.effects"), 1, () => brokerQueues());
        }
        await producer.StartAsync();

        var clock = Stopwatch.StartNew();
        var publisher = producer.Services.GetRequiredService<IEventPublisher>();
        for (var i = 0; i < events; i += Batch)
        {
            await using var connection = await BenchDatabase.OpenAsync(producer);
            await using var tx = await connection.BeginTransactionAsync();
            for (var j = 0; j < Math.Min(Batch, events - i); j++)
            {
                var id = Guid.CreateVersion7();
                var uri = $"media://recordings/{i + j}";
                await BenchDatabase.AddRecordingAsync(tx, id, uri);
                await publisher.PublishAsync(new RecordingIngestedIntegrationEvent(id, uri, "audio/wav", 48_000) { TenantId = "bench" }, tx, CancellationToken.None);
            }
            await publisher.CommitAsync(tx, CancellationToken.None);
        }
        var committed = clock.Elapsed;
        const string Effects = "SELECT COUNT(*) FROM \"Effects\"";
        async Task<string> Diagnosis() =>
            $"outbox: {await BenchDatabase.CountAsync(producer, "SELECT COUNT(*) FROM \"messaging_outbox\" WHERE \"SentAt\" IS NULL")} unsent, last error: " +
            $"{await BenchDatabase.TextAsync(producer, "SELECT \"LastError\" FROM \"messaging_outbox\" WHERE \"LastError\" IS NOT NULL LIMIT 1") ?? "none"}; " +
            $"effects: {await BenchDatabase.CountAsync(consumerHost, Effects)}" +
            (inProcess ? $"; queued deliveries: {await BenchDatabase.CountAsync(producer, "SELECT COUNT(*) FROM \"messaging_deliveries\"")}" : "\n" + await brokerQueues());
        await WaitAsync($"{transport}: outbox rows marked sent",
            () => BenchDatabase.CountAsync(producer, "SELECT COUNT(*) FROM \"messaging_outbox\" WHERE \"SentAt\" IS NOT NULL"), events, Diagnosis);
        var published = clock.Elapsed;
        await WaitAsync($"{transport}: events handled", () => BenchDatabase.CountAsync(consumerHost, Effects), events, Diagnosis);
        var consumed = clock.Elapsed;

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await producer.StopAsync(stop.Token);
        if (consumer is not null) await consumer.StopAsync(stop.Token);
        var name = inProcess
            ? "MagicHub.Messaging in-process (outbox → durable delivery queue → inbox), one SQLite db"
            : "MagicHub.Messaging RabbitMQ (outbox → relay → quorum queue → inbox), two SQLite dbs";
        return new(name, events, events / committed.TotalSeconds, events / published.TotalSeconds, events / consumed.TotalSeconds);
    }

    private static IHost Build(string dbPath, Dictionary<string, string?> settings, string service, bool subscribe)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["Messaging:ServiceName"] = service;
        builder.Configuration["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_LOG") ?? "Warning";
        builder.Configuration["Logging:LogLevel:Microsoft.Hosting"] = "Warning";
        builder.Configuration["Logging:LogLevel:MagicHub.Persistence"] = "Warning";
        builder.Configuration[$"ConnectionStrings:{BenchDatabase.Name}"] = $"Data Source={dbPath};Pooling=True";
        // The schema (WAL mode, the bench tables, then the messaging tables) is made when the host starts.
        builder.AddServiceSqlDatabase<BenchDatabase>(BenchDatabase.Name);
        builder.AddMessaging<BenchDatabase>().AddEventJson(SampleEventsJson.Default).WithRabbitMQ();
        if (subscribe) builder.Services.AddSubscription<RecordingIngestedIntegrationEvent, BenchHandler>("effects");
        return builder.Build();
    }

    private static async Task<int> ConsumersAsync(string amqp, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try { return (int)(await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount; }
        catch (OperationInterruptedException) { return 0; }
    }

    /// <summary>Polls <paramref name="count"/> until it reaches <paramref name="target"/>; prints progress every 5 s, fails with a diagnosis after the timeout.</summary>
    private async Task WaitAsync(string what, Func<Task<int>> count, int target, Func<Task<string>> diagnosis)
    {
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var value = await count();
            if (value >= target) return;
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}: {value} of {target}. {await diagnosis()}");
            }
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine($"  waiting for {what}: {value} of {target} after {clock.Elapsed.TotalSeconds:0} s");
            }
            await Task.Delay(20);
        }
    }
}
