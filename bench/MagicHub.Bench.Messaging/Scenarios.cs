using System.Diagnostics;
using System.Text;
using MagicHub.Messaging;
using MagicHub.Messaging.Persistence;
using MagicHub.Messaging.RabbitMQ;
using MagicHub.Messaging.Samples;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MagicHub.Bench.Messaging;

/// <summary>Result row: enqueue = committed to the outbox, published = sent by the relay (or broker-confirmed), consumed = handled.</summary>
internal sealed record BenchResult(string Scenario, int Events, double CommitPerSecond, double PublishedPerSecond, double ConsumedPerSecond);

internal static class Scenarios
{
    private const int Batch = 50;

    /// <summary>Baseline: RabbitMQ.Client alone, persistent messages with confirms into a quorum queue, manual acks, no outbox or inbox.</summary>
    public static async Task<BenchResult> RawRabbitMQAsync(string amqp, int events)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await using var consumer = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 4));
        var queue = "bench.raw." + Guid.NewGuid().ToString("N")[..6];
        await consumer.QueueDeclareAsync(queue, true, false, false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await consumer.BasicQosAsync(0, 32, false);
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, e) =>
        {
            await consumer.BasicAckAsync(e.DeliveryTag, false);
            if (Interlocked.Increment(ref received) == events) done.TrySetResult();
        };
        await consumer.BasicConsumeAsync(queue, false, handler);
        var clock = Stopwatch.StartNew();
        var body = Encoding.UTF8.GetBytes(new string('x', 400));
        for (var i = 0; i < events; i += Batch)
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(Batch, events - i)).Select(_ =>
                publisher.BasicPublishAsync("", queue, false, new BasicProperties { Persistent = true }, body).AsTask()));
        }
        var published = clock.Elapsed;
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var consumed = clock.Elapsed;
        await consumer.QueueDeleteAsync(queue);
        return new("RabbitMQ.Client alone (confirms + acks, no outbox/inbox) — baseline", events, double.NaN, events / published.TotalSeconds, events / consumed.TotalSeconds);
    }

    /// <summary>MagicHub.Messaging end to end: state + outbox commit, relay, transport, inbox + handler commit.</summary>
    public static async Task<BenchResult> MessagingAsync(string transport, string? amqp, int events, string dir)
    {
        var service = $"bench{transport}{Guid.NewGuid().ToString("N")[..4]}";
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = transport,
            ["Messaging:RabbitMQ:ConnectionString"] = amqp,
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_LOG") ?? "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };
        // With RabbitMQ the consumer is a second service with its own database; in-process it is the same service.
        using var producer = Build(Path.Combine(dir, service + "-producer.db"), settings, service + "-producer", subscribe: transport == MessagingTransports.InProcess);
        using var consumer = transport == MessagingTransports.InProcess ? null : Build(Path.Combine(dir, service + "-consumer.db"), settings, service + "-consumer", subscribe: true);
        var consumerHost = consumer ?? producer;
        if (consumer is not null) await consumer.StartAsync();
        await producer.StartAsync();
        await WaitAsync(async () => true, TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i += Batch)
        {
            await using var scope = producer.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDb>();
            var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            for (var j = 0; j < Math.Min(Batch, events - i); j++)
            {
                var recording = new BenchRecording { Id = Guid.CreateVersion7(), MediaUri = $"media://recordings/{i + j}" };
                db.Recordings.Add(recording);
                publisher.Enqueue(new RecordingIngestedIntegrationEvent(recording.Id, recording.MediaUri, "audio/wav", 48_000) { TenantId = "bench" });
            }
            await db.SaveChangesAsync();
        }
        var committed = clock.Elapsed;
        await WaitAsync(() => CountAsync(producer, db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt != null)).ContinueWith(t => t.Result >= events), TimeSpan.FromMinutes(5));
        var published = clock.Elapsed;
        await WaitAsync(() => CountAsync(consumerHost, db => db.Effects.CountAsync()).ContinueWith(t => t.Result >= events), TimeSpan.FromMinutes(5));
        var consumed = clock.Elapsed;

        await producer.StopAsync();
        if (consumer is not null) await consumer.StopAsync();
        var name = transport == MessagingTransports.InProcess
            ? "MagicHub.Messaging in-process (outbox → durable delivery queue → inbox), one SQLite db"
            : "MagicHub.Messaging RabbitMQ (outbox → relay → quorum queue → inbox), two SQLite dbs";
        return new(name, events, events / committed.TotalSeconds, events / published.TotalSeconds, events / consumed.TotalSeconds);
    }

    private static IHost Build(string dbPath, Dictionary<string, string?> settings, string service, bool subscribe)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["Messaging:ServiceName"] = service;
        builder.Services.AddDbContext<BenchDb>(o => o.UseSqlite($"Data Source={dbPath}").AddInterceptors(new SqliteBusyTimeout()));
        builder.AddMessaging<BenchDb>().WithRabbitMQ();
        if (subscribe) builder.Services.AddSubscription<RecordingIngestedIntegrationEvent, BenchHandler>("effects");
        var host = builder.Build();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDb>();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        return host;
    }

    private static async Task<int> CountAsync(IHost host, Func<BenchDb, Task<int>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BenchDb>());
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("benchmark step did not finish");
            await Task.Delay(20);
        }
    }
}
