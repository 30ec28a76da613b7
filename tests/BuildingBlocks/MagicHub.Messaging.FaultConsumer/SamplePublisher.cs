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
        await using var connection = await database.OpenAsync(stoppingToken);
        var next = await SampleDatabase.LastRecordingAsync(connection, stoppingToken) + 1;
        while (next <= total && !stoppingToken.IsCancellationRequested)
        {
            await using var tx = await connection.BeginTransactionAsync(stoppingToken);
            for (var i = 0; i < 20 && next <= total; i++, next++)
            {
                var id = Guid.CreateVersion7();
                await SampleDatabase.AddRecordingAsync(tx, next, id, stoppingToken);
                await publisher.PublishAsync(new RecordingIngestedIntegrationEvent(id, $"media://recordings/{next}", "audio/wav", 1000 + next) { TenantId = "t1" }, tx, stoppingToken);
            }
            await publisher.CommitAsync(tx, stoppingToken);
            await Task.Delay(delay, stoppingToken);
        }
    }
}
