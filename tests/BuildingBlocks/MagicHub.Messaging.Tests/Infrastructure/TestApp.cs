using MagicHub.Messaging.Admin;
using MagicHub.Messaging.RabbitMQ;
using MagicHub.Messaging.Samples;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>Which transport a test app uses and the settings that select it.</summary>
public sealed record TransportSetup(string Name, IReadOnlyDictionary<string, string?> Settings, string? Postgres = null)
{
    public static TransportSetup InProcess { get; } = new(MessagingTransports.InProcess, new Dictionary<string, string?>());

    public static TransportSetup RabbitMQ(RabbitMQBroker broker) => new(MessagingTransports.RabbitMQ, new Dictionary<string, string?>
    {
        ["Messaging:RabbitMQ:ConnectionString"] = broker.ConnectionString,
        ["Messaging:RabbitMQ:ReconnectInterval"] = "00:00:01",
    });
}

/// <summary>A service host (TestServer) with messaging on a fresh SQLite file, the admin API mapped.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, string service, string dbPath)
    {
        App = app;
        Service = service;
        DbPath = dbPath;
    }

    private static int _recordings;

    public WebApplication App { get; }
    public string Service { get; }
    public string DbPath { get; }
    public HttpClient Client => App.GetTestClient();
    public bool Started { get; private set; }
    public bool KeepDatabase { get; set; }

    public string Subscriber(string name) => $"{Service}.{name}";

    public static async Task<TestApp> CreateAsync(
        TransportSetup transport,
        Action<IServiceCollection>? configure = null,
        string? dbPath = null,
        string? service = null,
        bool start = true,
        IDictionary<string, string?>? settings = null)
    {
        service ??= "svc" + Guid.NewGuid().ToString("N")[..8];
        dbPath ??= Path.Combine(Path.GetTempPath(), $"magichub-messaging-{service}.db");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        var config = new Dictionary<string, string?>(transport.Settings)
        {
            ["Messaging:Transport"] = transport.Name,
            ["Messaging:ServiceName"] = service,
            ["Messaging:MaxRetries"] = "2",
            ["Messaging:RetryBaseDelay"] = "00:00:00.020",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.050",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:01",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);
        if (transport.Postgres is null)
        {
            builder.Services.AddDbContext<SampleDb>(o => o.UseSqlite($"Data Source={dbPath}").AddInterceptors(new SqliteBusyTimeout()));
        }
        else
        {
            var database = "messaging_" + Path.GetFileNameWithoutExtension(dbPath).Replace('-', '_');
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(transport.Postgres) { Database = database, Pooling = true }.ConnectionString;
            builder.Services.AddDbContext<SampleDb>(o => o.UseNpgsql(connection, n => n.EnableRetryOnFailure(3)));
        }
        builder.Services.AddSingleton<HandlerSwitch>();
        builder.Services.AddSingleton<FailurePlan>();
        builder.AddMessaging<SampleDb>().WithRabbitMQ();
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapMessagingAdmin();
        using (var scope = app.Services.CreateScope())
        {
            SampleDb.Initialize(scope.ServiceProvider.GetRequiredService<SampleDb>());
        }
        var testApp = new TestApp(app, service, dbPath);
        if (start)
        {
            await app.StartAsync();
            testApp.Started = true;
        }
        return testApp;
    }

    /// <summary>Stores a recording and its events in one SaveChanges (the outbox pattern).</summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDb>();
        var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
        foreach (var evt in events)
        {
            db.Recordings.Add(new Recording { Number = Interlocked.Increment(ref _recordings), Id = Guid.NewGuid() });
            publisher.Enqueue(evt);
        }
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<SampleDb, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SampleDb>());
    }

    public Task<int> EffectsAsync(string label, Guid? eventId = null) =>
        QueryAsync(db => db.Effects.CountAsync(e => e.Subscriber == label && (eventId == null || e.EventId == eventId)));

    public Task<int> WaitForEffectsAsync(string label, int count, Guid? eventId = null, int seconds = 20) =>
        Eventually.WaitAsync(() => EffectsAsync(label, eventId), n => n >= count, TimeSpan.FromSeconds(seconds), $"{count} '{label}' effects");

    public async ValueTask DisposeAsync()
    {
        if (Started)
        {
            try { await App.StopAsync(); } catch (OperationCanceledException) { }
        }
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (KeepDatabase) return;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(DbPath + suffix); } catch (IOException) { }
        }
    }

    public static RecordingIngestedIntegrationEvent Ingested(string? tenant = "t1", DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), "media://recordings/" + Guid.NewGuid().ToString("N")[..6], "audio/wav", 42_000)
        {
            TenantId = tenant,
            OccurredAt = at ?? DateTimeOffset.UtcNow,
        };
}
