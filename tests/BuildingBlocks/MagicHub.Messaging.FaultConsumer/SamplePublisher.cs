using MagicHub.Messaging.Samples;
using MagicHub.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace MagicHub.Messaging.FaultConsumer;

/// <summary>
/// Stores recordings 1..Publish, each with its event in the same transaction; after a restart it
/// continues after the last committed recording, so every recording is published exactly once.
/// </summary>
internal sealed class SamplePublisher(SqlDatabase<SampleDatabase> database, IEventPublisher publisher, IConfiguration configuration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var total = configuration.GetValue<int>("Publish");
        var delay = TimeSpan.FromMilliseconds(configuration.GetValue("PublishDelayMs", 20));
        int next;
        await using (var connection = await database.OpenAsync(waitForWriter: true, stoppingToken))
        {
            next = await SampleSql.LastRecordingAsync(connection, stoppingToken) + 1;
        }
        while (next <= total && !stoppingToken.IsCancellationRequested)
        {
            await using var connection = await database.OpenAsync(waitForWriter: true, stoppingToken);
            await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
            for (var i = 0; i < 20 && next <= total; i++, next++)
            {
                var id = Guid.CreateVersion7();
                await SampleSql.AddRecordingAsync(transaction, next, id, stoppingToken);
                await publisher.PublishAsync(new RecordingIngestedIntegrationEvent(id, $"media://recordings/{next}", "audio/wav", 1000 + next) { TenantId = "t1" },
                    transaction, stoppingToken);
            }
            await publisher.CommitAsync(transaction, stoppingToken);
            await Task.Delay(delay, stoppingToken);
        }
    }
}
