// Fault-test process: consumes recording.ingested into an effects table (and publishes with --Publish N).
// Usage: --Db path.db --Messaging:ServiceName name [--Messaging:Transport rabbitmq --Messaging:RabbitMQ:ConnectionString amqp://...] [--Publish 1000]
using MagicHub.Messaging;
using MagicHub.Messaging.FaultConsumer;
using MagicHub.Messaging.RabbitMQ;
using MagicHub.Messaging.Samples;
using MagicHub.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
var dbPath = builder.Configuration["Db"] ?? throw new InvalidOperationException("--Db path is required");
builder.Configuration[$"ConnectionStrings:{SampleDatabase.Name}"] = $"Data Source={dbPath};Pooling=True";
builder.AddServiceSqlDatabase<SampleDatabase>(SampleDatabase.Name);
builder.AddMessaging<SampleDatabase>().AddEventJson(SampleEventsJson.Default).WithRabbitMQ();
builder.Services.AddSubscription<RecordingIngestedIntegrationEvent, EffectHandler>("effects");
if (builder.Configuration.GetValue<int>("Publish") > 0) builder.Services.AddHostedService<SamplePublisher>();

using var host = builder.Build();
await host.RunAsync();
