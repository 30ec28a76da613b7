using System.Net.Http.Headers;
using MagicHub.Media.Contracts;
using MagicHub.Messaging;
using MagicHub.Security;
using MagicHub.Security.Testing;
using MagicHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MagicHub.Media.Tests;

/// <summary>
/// Hosts the media service on a fresh data folder and a new database of <paramref name="engine"/> (SQLite when null) with
/// small limits, a settable clock, tokens from a test key, and a subscriber that records the events the outbox relays;
/// <paramref name="settings"/> override those.
/// </summary>
public sealed class MediaFactory(SqliteEngine? engine = null, Dictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = Defaults(
        (engine ?? new SqliteEngine()).Settings("media", Path.Combine(Path.GetTempPath(), "magichub-media-tests", Guid.NewGuid().ToString("N"))),
        settings ?? []);

    private static Dictionary<string, string?> Defaults(Dictionary<string, string?> database, Dictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Media:SigningKey"] = "test-signing-key-0123456789-abcdefghijklmnop",
            ["Media:Limits:Audio"] = "4000000",
            ["Media:Limits:Image"] = "100000",
            ["Media:Limits:Document"] = "100000",
            ["Media:Tenants:small:MaxUploadBytes"] = "5000",
            ["Media:Tenants:short:RetentionDays"] = "1",
            ["Media:RetentionInterval"] = "01:00:00",
            ["Security:RevocationPollInterval"] = "00:00:00",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in database.Concat(overrides))
        {
            settings[key] = value;
        }
        return settings;
    }

    public string DataDirectory => _settings["Data:Directory"]!;

    public string BlobDirectory => Path.Combine(DataDirectory, "blobs");

    public TestClock Clock { get; } = new();

    public ReceivedEvents Events { get; } = new();

    public TestTokens Tokens { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(Events);
            services.AddSubscription<RecordingIngested, EventRecorder>("test-recordings");
            services.AddSubscription<MediaUploaded, EventRecorder>("test-uploads");
            Tokens.Trust(services);
        });
    }

    /// <summary>A client with an access token of a user of <paramref name="tenant"/>.</summary>
    public HttpClient ClientFor(string tenant = "default", string role = PlatformRoles.Owner)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(tenant, "user-" + tenant, role));
        return client;
    }

    /// <summary>Every file under the blob folder, temp files included.</summary>
    public string[] BlobFiles() => Directory.Exists(BlobDirectory) ? Directory.GetFiles(BlobDirectory, "*", SearchOption.AllDirectories) : [];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Tokens.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The events delivered to the test subscriber.</summary>
public sealed class ReceivedEvents
{
    private readonly List<IntegrationEvent> _events = [];

    public IReadOnlyList<IntegrationEvent> Snapshot()
    {
        lock (_events) return [.. _events];
    }

    public void Add(IntegrationEvent evt)
    {
        lock (_events) _events.Add(evt);
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> events arrived, then a little longer to catch extras.</summary>
    public async Task<IReadOnlyList<IntegrationEvent>> WaitForAsync(int count)
    {
        for (var i = 0; i < 100 && Snapshot().Count < count; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        await Task.Delay(300, TestContext.Current.CancellationToken);
        return Snapshot();
    }
}

/// <summary>Subscriber of the media events (through the real outbox and in-process transport).</summary>
public sealed class EventRecorder(ReceivedEvents sink) : IIntegrationEventHandler<RecordingIngested>, IIntegrationEventHandler<MediaUploaded>
{
    public Task HandleAsync(RecordingIngested evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        sink.Add(evt);
        return Task.CompletedTask;
    }

    public Task HandleAsync(MediaUploaded evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        sink.Add(evt);
        return Task.CompletedTask;
    }
}

/// <summary>The PostgreSQL tests share one server and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresEngine>
{
    public const string Name = "postgres";
}
