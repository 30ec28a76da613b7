using System.Data.Common;
using MagicHub.Messaging.Admin;
using MagicHub.Messaging.Persistence;
using MagicHub.Messaging.RabbitMQ;
using MagicHub.Messaging.Samples;
using MagicHub.Messaging.Serialization;
using MagicHub.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>Which transport a test app uses and the settings that select it; <see cref="Postgres"/> puts its database on that server.</summary>
public sealed record TransportSetup(string Name, IReadOnlyDictionary<string, string?> Settings, string? Postgres = null)
{
    public static TransportSetup InProcess { get; } = new(MessagingTransports.InProcess, new Dictionary<string, string?>());

    public static TransportSetup RabbitMQ(RabbitMQBroker broker) => new(MessagingTransports.RabbitMQ, new Dictionary<string, string?>
    {
        ["Messaging:RabbitMQ:ConnectionString"] = broker.ConnectionString,
        ["Messaging:RabbitMQ:ReconnectInterval"] = "00:00:01",
    });
}

/// <summary>A service host (TestServer) with messaging on a fresh SampleDatabase (SQLite file or PostgreSQL), the admin API mapped.</summary>
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
    public SqlDatabase<SampleDatabase> Database => App.Services.GetRequiredService<SqlDatabase<SampleDatabase>>();

    public string Subscriber(string name) => $"{Service}.{name}";

    /// <summary>
    /// Builds (and unless <paramref name="start"/> is false starts) the app. Not started, only its schema work runs, so
    /// events can be committed with no relay running. Event JSON comes from the source-generated contexts alone, as in
    /// Native AOT.
    /// </summary>
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
            [$"ConnectionStrings:{SampleDatabase.Name}"] = $"Data Source={dbPath};Pooling=True",
        };
        if (transport.Postgres is not null)
        {
            var database = "messaging_" + Path.GetFileNameWithoutExtension(dbPath).Replace('-', '_');
            config["Database:Provider"] = "Postgres";
            config[$"ConnectionStrings:{SampleDatabase.Name}"] =
                new Npgsql.NpgsqlConnectionStringBuilder(transport.Postgres) { Database = database, Pooling = true }.ConnectionString;
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddServiceSqlDatabase<SampleDatabase>(SampleDatabase.Name);
        builder.Services.AddSingleton<HandlerSwitch>();
        builder.Services.AddSingleton<FailurePlan>();
        builder.Services.AddSingleton(sp => new EventJson(sp.GetServices<EventJsonResolver>(), reflection: false));
        builder.AddMessaging<SampleDatabase>()
            .AddEventJson(SampleEventsJson.Default)
            .AddEventJson(TestEventsJson.Default)
            .WithRabbitMQ();
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapMessagingAdmin();
        var testApp = new TestApp(app, service, dbPath);
        if (start)
        {
            await app.StartAsync();
            testApp.Started = true;
        }
        else
        {
            var schema = app.Services.GetServices<IHostedService>().OfType<SqlSchemaMigrator<SampleDatabase>>().Single();
            await schema.StartAsync(CancellationToken.None);
            await schema.StartedAsync(CancellationToken.None);
        }
        return testApp;
    }

    /// <summary>Stores a recording per event and the events in one transaction (the outbox pattern).</summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        var publisher = App.Services.GetRequiredService<IEventPublisher>();
        await using var connection = await Database.OpenAsync(waitForWriter: true, CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var evt in events)
        {
            await SampleSql.AddRecordingAsync(transaction, Interlocked.Increment(ref _recordings), Guid.NewGuid(), CancellationToken.None);
            await publisher.PublishAsync(evt, transaction, CancellationToken.None);
        }
        await publisher.CommitAsync(transaction, CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<DbConnection, Task<T>> query)
    {
        await using var connection = await Database.OpenAsync(waitForWriter: true, CancellationToken.None);
        return await query(connection);
    }

    /// <summary>Runs one statement with parameters (name, value).</summary>
    public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) => QueryAsync(async connection =>
    {
        await using var command = connection.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.WithParameter(name, value);
        return await command.ExecuteNonQueryAsync();
    });

    /// <summary>Every outbox row, in sequence order.</summary>
    public Task<List<OutboxMessage>> OutboxAsync() => QueryAsync(async connection =>
    {
        await using var command = connection.CreateCommand(
            "SELECT \"Sequence\", \"EventId\", \"Type\", \"Tenant\", \"Time\", \"Envelope\", \"CreatedAt\", \"SentAt\", \"Attempts\", \"NextAttemptAt\", \"LastError\" " +
            "FROM \"messaging_outbox\" ORDER BY \"Sequence\"");
        return await command.ReadAllAsync(r => new OutboxMessage
        {
            Sequence = r.GetInt64(0),
            EventId = r.GetGuid(1),
            Type = r.GetString(2),
            Tenant = r.GetNullableString(3),
            Time = r.GetDateTime(4),
            Envelope = r.GetString(5),
            CreatedAt = r.GetDateTime(6),
            SentAt = r.GetNullableDateTime(7),
            Attempts = r.GetInt32(8),
            NextAttemptAt = r.GetDateTime(9),
            LastError = r.GetNullableString(10),
        }, CancellationToken.None);
    });

    public Task<bool> InboxContainsAsync(string subscriber, Guid eventId) => QueryAsync(async connection =>
    {
        await using var command = connection.CreateCommand("SELECT 1 FROM \"messaging_inbox\" WHERE \"Subscriber\" = @s AND \"EventId\" = @e")
            .WithParameter("s", subscriber).WithParameter("e", eventId);
        return await command.AnyAsync(CancellationToken.None);
    });

    public Task<List<Effect>> EffectRowsAsync(string label) => QueryAsync(async connection =>
    {
        await using var command = connection.CreateCommand("SELECT \"EventId\", \"RecordingId\", \"Detail\" FROM \"Effects\" WHERE \"Subscriber\" = @s ORDER BY \"Id\"")
            .WithParameter("s", label);
        return await command.ReadAllAsync(r => new Effect(r.GetGuid(0), r.GetGuid(1), r.GetNullableString(2)), CancellationToken.None);
    });

    public Task<int> EffectsAsync(string label, Guid? eventId = null) => QueryAsync(async connection =>
    {
        await using var command = connection.CreateCommand(
            "SELECT COUNT(*) FROM \"Effects\" WHERE \"Subscriber\" = @s" + (eventId is null ? "" : " AND \"EventId\" = @e"))
            .WithParameter("s", label);
        if (eventId is not null) command.WithParameter("e", eventId.Value);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    });

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

/// <summary>One row of the sample Effects table.</summary>
internal sealed record Effect(Guid EventId, Guid RecordingId, string? Detail);
