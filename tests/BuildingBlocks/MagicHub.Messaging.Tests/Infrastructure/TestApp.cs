using MagicHub.Messaging.Admin;
using MagicHub.Messaging.RabbitMQ;
using MagicHub.Messaging.Samples;
using MagicHub.Persistence;
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

/// <summary>A service host (TestServer) with messaging on a fresh SqlDatabase (a SQLite file or a PostgreSQL database), the admin API mapped.</summary>
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
        if (transport.Postgres is null)
        {
            config["ConnectionStrings:sample"] = $"Data Source={dbPath};Pooling=True";
            builder.Services.AddDbContext<SampleDb>(o => o.UseSqlite($"Data Source={dbPath}"));
        }
        else
        {
            var database = "messaging_" + Path.GetFileNameWithoutExtension(dbPath).Replace('-', '_');
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(transport.Postgres) { Database = database, Pooling = true }.ConnectionString;
            config["Database:Provider"] = "Postgres";
            config["ConnectionStrings:sample"] = connection;
            builder.Services.AddDbContext<SampleDb>(o => o.UseNpgsql(connection));
        }
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddServiceSqlDatabase<SampleDatabase>("sample");
        builder.Services.AddSingleton<HandlerSwitch>();
        builder.Services.AddSingleton<FailurePlan>();
        builder.AddMessaging<SampleDatabase>().AddEventJson(SampleEventsJson.Default).WithRabbitMQ();
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapMessagingAdmin();
        var testApp = new TestApp(app, service, dbPath);
        if (start)
        {
            await app.StartAsync();
            testApp.Started = true;
        }
        return testApp;
    }

    /// <summary>Stores a recording per event with the event in one transaction (the outbox pattern).</summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        var publisher = App.Services.GetRequiredService<IEventPublisher>();
        await using var connection = await App.Services.GetRequiredService<SqlDatabase<SampleDatabase>>().OpenAsync(CancellationToken.None);
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var evt in events)
        {
            await SampleDatabase.AddRecordingAsync(tx, Interlocked.Increment(ref _recordings), Guid.NewGuid(), CancellationToken.None);
            await publisher.PublishAsync(evt, tx, CancellationToken.None);
        }
        await publisher.CommitAsync(tx, CancellationToken.None);
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

    /// <summary>Stops the host's background services; the database stays usable.</summary>
    public async Task StopAsync()
    {
        await App.StopAsync();
        Started = false;
    }

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
