// Fault-test process: consumes recording.ingested into an effects table (and publishes with --Publish N).
// Usage: --Db path.db --Messaging:ServiceName name [--Messaging:Transport rabbitmq --Messaging:RabbitMQ:ConnectionString amqp://...] [--Publish 1000]
using MagicHub.Messaging;
using MagicHub.Messaging.FaultConsumer;
using MagicHub.Messaging.RabbitMQ;
using MagicHub.Messaging.Samples;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
var dbPath = builder.Configuration["Db"] ?? throw new InvalidOperationException("--Db path is required");
builder.Services.AddDbContext<SampleDb>(o => o.UseSqlite($"Data Source={dbPath}").AddInterceptors(new SqliteBusyTimeout()));
builder.AddMessaging<SampleDb>().WithRabbitMQ();
builder.Services.AddSubscription<RecordingIngestedIntegrationEvent, EffectHandler>("effects");
if (builder.Configuration.GetValue<int>("Publish") > 0) builder.Services.AddHostedService<SamplePublisher>();

using var host = builder.Build();
using (var scope = host.Services.CreateScope())
{
    SampleDb.Initialize(scope.ServiceProvider.GetRequiredService<SampleDb>());
}
await host.RunAsync();
