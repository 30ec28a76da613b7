using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagicHub.ServiceDefaults;

/// <summary>
/// Start-up timeline, on with <c>Runtime:StartupTimeline=true</c> (<c>Runtime__StartupTimeline=true</c>): milliseconds
/// from process start to the builder, hosting start, the request pipeline built, Kestrel listening and the first
/// <c>/health</c> answered 200 (healthy), logged at Information as one line when that answer is sent. Off, it costs nothing.
/// </summary>
public sealed partial class StartupTimeline(ILogger<StartupTimeline> logger) : IHostedLifecycleService
{
    /// <summary>Configuration key of the switch (default <c>false</c>).</summary>
    public const string SettingKey = "Runtime:StartupTimeline";

    private static readonly DateTime ProcessStartUtc = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly List<(string Step, long Ms)> _marks = [];
    private int _reported;

    /// <summary>Milliseconds since the process started.</summary>
    public static long SinceProcessStart => (long)(DateTime.UtcNow - ProcessStartUtc).TotalMilliseconds;

    /// <summary>Registers the timeline, first among hosted services, when the switch is on.</summary>
    internal static void AddTo(WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue(SettingKey, defaultValue: false))
        {
            return;
        }
        var builderReady = SinceProcessStart;
        builder.Services.AddSingleton(sp => new StartupTimeline(sp.GetRequiredService<ILogger<StartupTimeline>>()).Mark("builder created", builderReady));
        // First, so its StartingAsync runs before any other hosted service's start.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<StartupTimeline>()));
        builder.Services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, PipelineMarks>();
    }

    /// <summary>Marks the first healthy <c>/health</c> answer and logs the timeline (when the timeline is on).</summary>
    internal static void UseIn(WebApplication app)
    {
        if (app.Services.GetService<StartupTimeline>() is not { } timeline)
        {
            return;
        }
        timeline.Mark("host built");
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status200OK && context.Request.Path.StartsWithSegments("/health")
                && Volatile.Read(ref timeline._reported) == 0)
            {
                timeline.Report("first healthy /health");
            }
        });
    }

    private StartupTimeline Mark(string step, long? ms = null)
    {
        lock (_marks)
        {
            _marks.Add((step, ms ?? SinceProcessStart));
        }
        return this;
    }

    private void Report(string step)
    {
        Mark(step);
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            string timeline;
            lock (_marks)
            {
                timeline = string.Join(", ", _marks.Select(m => $"{m.Step} {m.Ms}"));
            }
            LogTimeline(logger, timeline);
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Mark("hosting starting");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // Kestrel (started after the hosted services) listens by now: StartedAsync runs after the server's start.
        Mark("started (listening)");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Marks the web host's request pipeline being built (before Kestrel binds).</summary>
    private sealed class PipelineMarks(StartupTimeline timeline) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            timeline.Mark("pipeline building");
            next(app);
            timeline.Mark("pipeline configured");
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up timeline (ms since process start): {Timeline}")]
    private static partial void LogTimeline(ILogger logger, string timeline);
}
