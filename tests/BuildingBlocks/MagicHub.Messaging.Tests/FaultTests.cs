using MagicHub.Messaging.Tests.Infrastructure;
using global::RabbitMQ.Client;

namespace MagicHub.Messaging.Tests;

[Collection(RabbitMQTests.Name)]
public sealed class RabbitMQFaultTests(RabbitMQBroker broker)
{
    private const int Total = 1000;

    [Fact]
    public async Task Thousand_events_are_handled_exactly_once_while_the_consumer_is_killed_and_the_broker_restarted()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = "fault" + Guid.NewGuid().ToString("N")[..8];
        var dbPath = Path.Combine(Path.GetTempPath(), $"magichub-{service}-consumer.db");
        var settings = new Dictionary<string, string>
        {
            ["Messaging:Transport"] = "rabbitmq",
            ["Messaging:ServiceName"] = service,
            ["Messaging:RabbitMQ:ConnectionString"] = broker.ConnectionString,
            ["Messaging:RabbitMQ:ReconnectInterval"] = "00:00:01",
        };
        var consumer = FaultProcess.Start(dbPath, settings);
        try
        {
            await WaitForQueueAsync($"{service}.effects", consumer);
            await using var publisher = await TestApp.CreateAsync(TransportSetup.RabbitMQ(broker));
            var publishing = Task.Run(async () =>
            {
                for (var batch = 0; batch < Total / 10; batch++)
                {
                    await publisher.PublishAsync([.. Enumerable.Range(0, 10).Select(_ => TestApp.Ingested())]);
                    await Task.Delay(60, ct);
                }
            }, ct);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            void Log(string what) => TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s {what}");
            await WaitForEffectsAsync(dbPath, 150);
            Log($"kill consumer at {await FaultProcess.EffectsAsync(dbPath)}");
            consumer.Kill();
            consumer.Dispose();
            consumer = FaultProcess.Start(dbPath, settings);

            await WaitForEffectsAsync(dbPath, 400);
            Log($"restart broker at {await FaultProcess.EffectsAsync(dbPath)}");
            await broker.RestartAsync();
            Log("broker up");

            await WaitForEffectsAsync(dbPath, 700);
            Log($"kill consumer at {await FaultProcess.EffectsAsync(dbPath)}");
            consumer.Kill();
            consumer.Dispose();
            consumer = FaultProcess.Start(dbPath, settings);

            await publishing;
            Log("publishing done");
            try
            {
                await WaitForEffectsAsync(dbPath, Total, seconds: 60, consumer);
            }
            catch (TimeoutException)
            {
                await ExplainMissingAsync(publisher, dbPath, service, Log);
                throw;
            }
            Log("all handled");
            await Task.Delay(1000, ct);

            var (rows, distinct) = await FaultProcess.EffectsAsync(dbPath);
            Assert.Equal((Total, Total), (rows, distinct));
            var published = (await publisher.OutboxAsync()).Count(m => m.SentAt is not null);
            Assert.Equal(Total, published);
        }
        finally
        {
            consumer.Dispose();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        }
    }

    private async Task ExplainMissingAsync(TestApp publisher, string dbPath, string service, Action<string> log)
    {
        var rows = await publisher.OutboxAsync();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var handled = new HashSet<Guid>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT EventId FROM Effects";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) handled.Add(reader.GetGuid(0));
        }
        foreach (var row in rows.Where(r => !handled.Contains(r.EventId)))
        {
            log($"missing {row.EventId} seq {row.Sequence} created {row.CreatedAt:HH:mm:ss.fff} sent {row.SentAt:HH:mm:ss.fff} attempts {row.Attempts} error {row.LastError}");
        }
        var factory = new ConnectionFactory { Uri = new Uri(broker.ConnectionString) };
        await using var amqp = await factory.CreateConnectionAsync();
        await using var channel = await amqp.CreateChannelAsync();
        var main = await channel.QueueDeclarePassiveAsync($"{service}.effects");
        var dead = await channel.QueueDeclarePassiveAsync($"{service}.effects.dead-letters");
        log($"queue {main.MessageCount} ready, dead letters {dead.MessageCount}");
    }

    private async Task WaitForQueueAsync(string queue, FaultProcess consumer)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await Eventually.WaitAsync(async () =>
        {
            Assert.False(consumer.HasExited, consumer.Output);
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                // A consumer is attached only after the queue is bound to the exchange: before that, a published
                // event has no route and the broker drops it (the first event of the run used to go missing).
                var declared = await channel.QueueDeclarePassiveAsync(queue);
                return declared.ConsumerCount > 0;
            }
            catch (global::RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                return false;
            }
        }, ok => ok, TimeSpan.FromSeconds(30), $"queue {queue}");
    }

    internal static Task WaitForEffectsAsync(string dbPath, int count, int seconds = 60, FaultProcess? process = null) =>
        Eventually.WaitAsync(() => FaultProcess.EffectsAsync(dbPath), e => e.Distinct >= count, TimeSpan.FromSeconds(seconds),
            $"{count} effects{(process is null ? "" : "; consumer output: " + process.Output)}");
}

public sealed class InProcessFaultTests
{
    private const int Total = 1000;

    [Fact]
    public async Task Thousand_events_published_and_handled_in_one_process_are_handled_exactly_once_across_two_kills()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = "fault" + Guid.NewGuid().ToString("N")[..8];
        var dbPath = Path.Combine(Path.GetTempPath(), $"magichub-{service}-inprocess.db");
        var settings = new Dictionary<string, string>
        {
            ["Messaging:ServiceName"] = service,
            ["Publish"] = Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PublishDelayMs"] = "40",
            ["Messaging:Concurrency"] = "1",
        };
        var process = FaultProcess.Start(dbPath, settings);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            async Task Log(string what) => TestContext.Current.TestOutputHelper?.WriteLine(
                $"{clock.Elapsed.TotalSeconds,6:0.0}s {what}: recordings {await FaultProcess.ScalarAsync(dbPath, "SELECT COUNT(*) FROM Recordings")}, effects {await FaultProcess.EffectsAsync(dbPath)}");
            await WaitForRecordingsAsync(dbPath, 300, process);
            await Log("kill");
            process.Kill();
            process.Dispose();
            process = FaultProcess.Start(dbPath, settings);

            await WaitForRecordingsAsync(dbPath, 700, process);
            await Log("kill");
            process.Kill();
            process.Dispose();
            process = FaultProcess.Start(dbPath, settings);

            await RabbitMQFaultTests.WaitForEffectsAsync(dbPath, Total, seconds: 90, process);
            await Log("all handled");
            await Task.Delay(1000, ct);

            Assert.Equal((Total, Total), await FaultProcess.EffectsAsync(dbPath));
            Assert.Equal(Total, await FaultProcess.ScalarAsync(dbPath, "SELECT COUNT(*) FROM Recordings"));
            Assert.Equal(Total, await FaultProcess.ScalarAsync(dbPath,
                "SELECT COUNT(*) FROM Recordings r WHERE (SELECT COUNT(*) FROM Effects e WHERE e.RecordingId = r.Id) = 1"));
            Assert.Equal(0, await FaultProcess.ScalarAsync(dbPath, "SELECT COUNT(*) FROM messaging_deliveries"));
        }
        finally
        {
            process.Dispose();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        }
    }

    private static Task WaitForRecordingsAsync(string dbPath, int count, FaultProcess process) =>
        Eventually.WaitAsync(async () =>
        {
            Assert.False(process.HasExited, process.Output);
            return File.Exists(dbPath) ? await FaultProcess.ScalarAsync(dbPath, "SELECT COUNT(*) FROM Recordings") : 0;
        }, n => n >= count, TimeSpan.FromSeconds(60), $"{count} recordings");
}
