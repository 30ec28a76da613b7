using MagicHub.Messaging.Samples;
using MagicHub.Messaging.Serialization;
using MagicHub.Messaging.Tests.Infrastructure;
using MagicHub.Persistence;
using MagicHub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MagicHub.Messaging.Tests;

public sealed class ConfigurationTests
{
    private static async Task<Exception?> StartAsync(Dictionary<string, string?> settings, Action<MessagingBuilder>? messaging = null) =>
        await HostStartup.ValidationErrorAsync(settings, builder =>
        {
            builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{SampleDatabase.Name}", "Data Source=:memory:")]);
            builder.AddServiceSqlDatabase<SampleDatabase>(SampleDatabase.Name);
            var added = builder.AddMessaging<SampleDatabase>();
            messaging?.Invoke(added);
        }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task RabbitMQ_transport_without_WithRabbitMQ_fails_at_start_naming_the_fix()
    {
        var error = await StartAsync(new() { ["Messaging:Transport"] = "rabbitmq" });
        Assert.Contains("WithRabbitMQ", error?.Message);
    }

    [Fact]
    public async Task Unknown_transport_fails_at_start()
    {
        var error = await StartAsync(new() { ["Messaging:Transport"] = "carrier-pigeon" });
        Assert.Contains("unknown", error?.Message);
    }

    [Fact]
    public async Task Negative_retry_count_fails_at_start()
    {
        var error = await StartAsync(new() { ["Messaging:MaxRetries"] = "-1" });
        Assert.Contains("MaxRetries", error?.Message);
    }

    [Fact]
    public async Task Default_configuration_starts_in_process_named_after_the_application()
    {
        Assert.Null(await StartAsync([]));
    }

    [Fact]
    public void AddMessaging_before_the_services_SqlDatabase_names_the_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Host.CreateApplicationBuilder().AddMessaging<SampleDatabase>());
        Assert.Contains("AddServiceSqlDatabase<SampleDatabase>", error.Message);
    }

    [Fact]
    public async Task Subscribing_to_an_event_type_no_event_JSON_resolver_knows_fails_at_start_naming_AddEventJson()
    {
        // As in Native AOT, where reflection-based JSON is off: the subscription's event type must come from a resolver.
        static void Strict(MessagingBuilder m)
        {
            m.Services.AddSingleton(sp => new EventJson(sp.GetServices<EventJsonResolver>(), reflection: false));
            m.Services.AddSubscription<CallAnalyzedIntegrationEvent, StoreOnCallAnalyzed>();
        }

        var error = await StartAsync([], Strict);
        Assert.Contains(nameof(CallAnalyzedIntegrationEvent), error?.Message);
        Assert.Contains("AddEventJson", error?.Message);
        Assert.Null(await StartAsync([], m =>
        {
            Strict(m);
            m.AddEventJson(SampleEventsJson.Default);
        }));
    }

    [Fact]
    public async Task CLI_lists_and_requeues_dead_letters_through_the_admin_api()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.CreateAsync(TransportSetup.InProcess, s => s.AddSubscription<RecordingIngestedIntegrationEvent, BrokenTestHandler>("broken"));
        var evt = TestApp.Ingested();
        await app.PublishAsync(evt);
        var subscriber = app.Subscriber("broken");
        var output = new StringWriter();
        await Eventually.WaitAsync(async () =>
        {
            output.GetStringBuilder().Clear();
            await Admin.MessagingAdminCommand.RunAsync(["dead-letters", subscriber], app.Client, output, ct);
            return output.ToString();
        }, text => text.Contains(evt.Id.ToString()), TimeSpan.FromSeconds(20), "the dead letter in the CLI listing");
        Assert.Contains("bug: cannot parse media uri", output.ToString());

        app.App.Services.GetRequiredService<HandlerSwitch>().Broken = false;
        Assert.Equal(0, await Admin.MessagingAdminCommand.RunAsync(["requeue", subscriber, evt.Id.ToString()], app.Client, output, ct));
        await app.WaitForEffectsAsync("broken", 1, evt.Id);
        Assert.Equal(2, await Admin.MessagingAdminCommand.RunAsync(["requeue", subscriber, evt.Id.ToString()], app.Client, output, ct));
        Assert.Equal(1, await Admin.MessagingAdminCommand.RunAsync(["requeue", subscriber, "not-a-guid"], app.Client, output, ct));
    }
}
