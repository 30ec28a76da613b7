using MagicHub.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace MagicHub.Media.Retention;

/// <summary>Runs the <see cref="RetentionSweeper"/> once the service has started and then every <see cref="MediaOptions.RetentionInterval"/>.</summary>
public sealed partial class RetentionService(
    IServiceScopeFactory scopes, IOptions<MediaOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first sweep (query compilation, JIT) would compete with the server's start for CPU.
        if (!await lifetime.WhenStartedAsync(stoppingToken))
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RetentionSweeper>().SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; one failed sweep must not stop the service.
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention sweep failed")]
    private partial void LogFailed(Exception exception);
}
