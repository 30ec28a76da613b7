using Microsoft.Extensions.Hosting;

namespace MagicHub.ServiceDefaults;

/// <summary>Lets background loops wait for the host to have started (Kestrel listening) before their first round.</summary>
public static class HostStart
{
    /// <summary>
    /// Completes once <see cref="IHostApplicationLifetime.ApplicationStarted"/> fired (at once if it already has), so
    /// background work (a loop's first round: EF query compilation, JIT) does not compete with the server's start for
    /// CPU. False when stopping came first.
    /// </summary>
    public static async Task<bool> WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult(true)))
        using (stoppingToken.Register(() => started.TrySetResult(false)))
        {
            return await started.Task;
        }
    }
}
