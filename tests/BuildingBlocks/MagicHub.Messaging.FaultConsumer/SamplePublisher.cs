using MagicHub.Messaging.Samples;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MagicHub.Messaging.FaultConsumer;

/// <summary>
/// Stores recordings 1..Publish, each with its event in the same SaveChanges; after a restart it
/// continues after the last committed recording, so every recording is published exactly once.
/// </summary>
internal sealed class SamplePublisher(IServiceScopeFactory scopes, IConfiguration configuration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var total = configuration.GetValue<int>("Publish");
        var delay = TimeSpan.FromMilliseconds(configuration.GetValue("PublishDelayMs", 20));
        int next;
        await using (var scope = scopes.CreateAsyncScope())
        {
            next = (await scope.ServiceProvider.GetRequiredService<SampleDb>().Recordings.MaxAsync(r => (int?)r.Number, stoppingToken) ?? 0) + 1;
        }
        while (next <= total && !stoppingToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SampleDb>();
            var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
            for (var i = 0; i < 20 && next <= total; i++, next++)
            {
                var recording = new Recording { Number = next, Id = Guid.CreateVersion7() };
                db.Recordings.Add(recording);
                publisher.Enqueue(new RecordingIngestedIntegrationEvent(recording.Id, $"media://recordings/{next}", "audio/wav", 1000 + next) { TenantId = "t1" });
            }
            await db.SaveChangesAsync(stoppingToken);
            await Task.Delay(delay, stoppingToken);
        }
    }
}
