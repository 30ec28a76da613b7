using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace MagicHub.ServiceDefaults;

/// <summary>
/// One aggressive, compacting full GC shortly after the service has started, so the garbage of start-up (DI graph
/// building, EF model and schema creation, configuration binding) is returned to the OS instead of staying committed
/// while the service idles. A deliberate one-off: the pause is a few milliseconds on a start-up heap of ~10 MB and
/// nothing serves traffic yet at most; later collections are left to the GC. Off with <c>Runtime:CompactAfterStart=false</c>.
/// </summary>
public sealed class StartupHeapCompaction(IHostApplicationLifetime lifetime, IConfiguration configuration) : BackgroundService
{
    /// <summary>Configuration key of the switch (default <c>true</c>).</summary>
    public const string SettingKey = "Runtime:CompactAfterStart";

    /// <summary>How long after <c>ApplicationStarted</c> the collection runs: background start-up work settles first.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(SettingKey, defaultValue: true) || !await lifetime.WhenStartedAsync(stoppingToken))
        {
            return;
        }
        await Task.Delay(Delay, stoppingToken);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
