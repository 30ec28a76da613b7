using Microsoft.Extensions.Options;

namespace MagicHub.Media.Retention;

/// <summary>Runs the <see cref="RetentionSweeper"/> at start and then every <see cref="MediaOptions.RetentionInterval"/>.</summary>
public sealed partial class RetentionService(IServiceScopeFactory scopes, IOptions<MediaOptions> options, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
