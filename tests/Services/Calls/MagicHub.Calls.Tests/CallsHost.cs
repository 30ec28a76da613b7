using MagicHub.Calls.Data;
using MagicHub.Messaging;
using MagicHub.Persistence;
using MagicHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace MagicHub.Calls.Tests;

/// <summary>The PostgreSQL data tests share one server and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresEngine>
{
    public const string Name = "postgres";
}

/// <summary>
/// The calls service in-process on one engine, trusting the test token issuer. Its outbox relay and in-process dispatcher
/// do not run: what the service publishes stays in <c>messaging_outbox</c>, where the tests read it, and no stage
/// handler calls the (absent) media, transcription, prompts and extraction services.
/// </summary>
public sealed class CallsHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<CallsDb> _factory;
    private readonly string _dataDirectory;

    private CallsHost(IReadOnlyDictionary<string, string?> settings)
    {
        _dataDirectory = settings["Data:Directory"]!;
        _factory = new WebApplicationFactory<CallsDb>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing").TrustTestTokens();
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Pipeline:MaxStageAttempts", "3");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new MediaStub(MediaRequests)));
                foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService)
                    && d.ImplementationType?.Name is "OutboxRelay" or "InProcessDispatcher").ToList())
                {
                    services.Remove(worker);
                }
            });
        });
    }

    /// <summary>Settings of a new database on <paramref name="engine"/> in a new temp data directory.</summary>
    public static Dictionary<string, string?> NewSettings(SqliteEngine engine) =>
        engine.Settings("calls", Path.Combine(Path.GetTempPath(), "magichub-calls-data-" + Guid.NewGuid().ToString("N")[..8]));

    /// <summary>Starts the service on the database of <paramref name="settings"/> (see <see cref="NewSettings"/>).</summary>
    public static CallsHost Start(IReadOnlyDictionary<string, string?> settings)
    {
        var host = new CallsHost(settings);
        _ = host._factory.Services;
        return host;
    }

    /// <summary>The requests the service sent to other services (only media's erasure is expected), as "METHOD /path".</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> MediaRequests { get; } = new();

    /// <summary>The service's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The service's database.</summary>
    public SqlDatabase<CallsDb> Database => Services.GetRequiredService<SqlDatabase<CallsDb>>();

    /// <summary>A client with a writer's token of <paramref name="tenant"/>.</summary>
    public HttpClient Client(string tenant) => _factory.CreateAuthorizedClient(tenant);

    /// <summary>The events in the outbox whose payload names <paramref name="jobId"/>, in order.</summary>
    public async Task<List<OutboxEvent>> OutboxAsync(Guid jobId)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var select = connection.CreateCommand(
            "SELECT \"Type\", \"Tenant\", \"Envelope\" FROM \"messaging_outbox\" WHERE \"Envelope\" LIKE @job ORDER BY \"Sequence\"")
            .WithParameter("job", "%" + jobId + "%");
        return await select.ReadAllAsync(r => new OutboxEvent(r.GetString(0), r.GetNullableString(1), r.GetString(2)), CancellationToken.None);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Stands in for the media service: deletes succeed, anything else is not found.</summary>
internal sealed class MediaStub(System.Collections.Concurrent.ConcurrentQueue<string> requests) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        return Task.FromResult(new HttpResponseMessage(request.Method == HttpMethod.Delete ? System.Net.HttpStatusCode.NoContent : System.Net.HttpStatusCode.NotFound));
    }
}

/// <summary>An outbox row: the event's type, tenant and envelope JSON.</summary>
public sealed record OutboxEvent(string Type, string? Tenant, string Envelope);

/// <summary>The messaging's delivery context, as a transport hands it to a handler (its constructor is the messaging's own).</summary>
internal static class Deliveries
{
    public static DeliveryContext Context(System.Data.Common.DbTransaction? transaction) =>
        (DeliveryContext)Activator.CreateInstance(typeof(DeliveryContext), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance,
            null, [transaction], null)!;
}
