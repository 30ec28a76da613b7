using MagicHub.ServiceDefaults;
using MagicHub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>The service defaults' start-up timeline (<c>Runtime:StartupTimeline</c>) logs once, and changes nothing else.</summary>
public sealed class StartupTimelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timeline_is_logged_at_the_first_healthy_health_answer_and_hosted_lifecycle_services_still_run_first()
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[StartupTimeline.SettingKey] = "true";
        builder.AddServiceDefaults("gateway");
        builder.Logging.AddProvider(logs);
        var lifecycle = new RecordingLifecycleService();
        builder.Services.AddSingleton<IHostedService>(lifecycle);
        await using var app = builder.Build();
        app.MapDefaultEndpoints();

        using var http = new HttpClient { BaseAddress = new Uri(await app.StartOnLoopbackAsync(Ct)) };
        (await http.GetAsync("/health", Ct)).EnsureSuccessStatusCode();
        (await http.GetAsync("/health", Ct)).EnsureSuccessStatusCode();

        // The host ran the lifecycle hooks of a hosted service registered after the timeline, in order.
        Assert.Equal(["starting", "start", "started"], lifecycle.Calls);
        var timelines = logs.Messages.Where(m => m.StartsWith("Start-up timeline", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(timelines);
        foreach (var step in new[] { "builder created", "hosting starting", "pipeline configured", "started (listening)", "first healthy /health" })
        {
            Assert.Contains(step, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Off_by_default()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults("gateway");
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(Ct);

        Assert.Null(app.Services.GetService<StartupTimeline>());
    }

    private sealed class RecordingLifecycleService : IHostedLifecycleService
    {
        public List<string> Calls { get; } = [];

        public Task StartingAsync(CancellationToken cancellationToken) => Record("starting");

        public Task StartAsync(CancellationToken cancellationToken) => Record("start");

        public Task StartedAsync(CancellationToken cancellationToken) => Record("started");

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private Task Record(string call)
        {
            lock (Calls)
            {
                Calls.Add(call);
            }
            return Task.CompletedTask;
        }
    }
}
