using System.Net.Http.Headers;
using MagicHub.Calls.Data;
using MagicHub.Extraction;
using MagicHub.Identity.Data;
using MagicHub.Media;
using MagicHub.Persistence;
using MagicHub.Prompts.Data;
using MagicHub.Security.Testing;
using MagicHub.Testing;
using MagicHub.Transcription;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

[assembly: AssemblyFixture(typeof(MagicHub.Calls.Tests.CallAudio))]

namespace MagicHub.Calls.Tests;

/// <summary>The pipeline tests share one platform and run one class at a time (speech decoding needs the cores).</summary>
[CollectionDefinition(Name)]
public sealed class PipelineGroup : ICollectionFixture<PipelinePlatform>
{
    public const string Name = "pipeline";
}

/// <summary>
/// The real pipeline services on Kestrel (loopback): identity, media, transcription (PocketSphinx), prompts, extraction
/// and calls, wired to each other by configuration as in production. Every service validates tokens: the users' tokens
/// come from a test issuer the services trust in addition to identity's keys; the pipeline's background stages get
/// service tokens from the real identity service with the shared service secret.
/// </summary>
public sealed class PipelinePlatform : IAsyncLifetime
{
    private const string ServiceSecret = "pipeline-tests-service-secret";
    private readonly TestTokens _tokens = new();
    private readonly List<IAsyncDisposable> _services = [];
    private readonly HashSet<string> _tenants = [];

    public KestrelServiceFactory<IdentityDb> Identity { get; private set; } = null!;

    public KestrelServiceFactory<ExtractionOptions> Extraction { get; private set; } = null!;

    public KestrelServiceFactory<CallsDb> Calls { get; private set; } = null!;

    public string Tenant { get; } = "tenant-" + Guid.NewGuid().ToString("N")[..6];

    private static readonly Dictionary<string, string?> Quiet = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:System.Net.Http"] = "None",
        ["Logging:LogLevel:Polly"] = "None",
    };

    public ValueTask InitializeAsync()
    {
        Identity = Start(new KestrelServiceFactory<IdentityDb>(With()));
        var media = Start(new KestrelServiceFactory<MediaOptions>(With(), _tokens.TrustAlongsideIdentity));
        var prompts = Start(new KestrelServiceFactory<PromptsDb>(With(), _tokens.TrustAlongsideIdentity));
        var transcription = Start(new KestrelServiceFactory<TranscriptionOptions>(With(
            ("Transcription:PromptsBaseUrl", prompts.BaseAddress.ToString()),
            ("Transcription:PocketSphinx:PoolSize", "2"),
            // These tests are about the pipeline, not recognition quality (the transcription tests cover the engine's
            // defaults): skip the digits pass so fifty calls fit in a CI run.
            ("Transcription:PocketSphinx:DigitGrammarRescoring", "false")), _tokens.TrustAlongsideIdentity));
        Extraction = StartExtraction(FreePort.Next(), prompts.BaseAddress);
        Calls = Start(new KestrelServiceFactory<CallsDb>(With(
            ("Services:media:http:0", media.BaseAddress.ToString()),
            ("Services:transcription:http:0", transcription.BaseAddress.ToString()),
            ("Services:prompts:http:0", prompts.BaseAddress.ToString()),
            ("Services:extraction:http:0", Extraction.BaseAddress.ToString()),
            ("Messaging:RetryBaseDelay", "00:00:00.500"),
            ("Messaging:MaxRetries", "20"),
            ("Pipeline:MaxStageAttempts", "15"),
            // A transcription request that hangs (seen rarely under load) is abandoned and retried, as in production, but sooner.
            ("Pipeline:TranscriptionTimeout", "00:01:30")), _tokens.TrustAlongsideIdentity));
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts the extraction service on <paramref name="port"/> (again, after <see cref="StopExtractionAsync"/>).</summary>
    public KestrelServiceFactory<ExtractionOptions> StartExtraction(int port, Uri prompts) =>
        Extraction = Start(new KestrelServiceFactory<ExtractionOptions>(With(("Extraction:PromptsUrl", prompts.ToString())), _tokens.TrustAlongsideIdentity, port: port));

    /// <summary>Stops the extraction service as a crash would take it away.</summary>
    public async Task StopExtractionAsync()
    {
        _services.Remove(Extraction);
        await Extraction.DisposeAsync();
    }

    /// <summary>A client of the calls service holding a writer's token of <see cref="Tenant"/>.</summary>
    public HttpClient CallsClient(string? tenant = null)
    {
        tenant ??= Tenant;
        AddTenantToIdentity(tenant);
        var client = Calls.CreateLoopbackClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.Issue(tenant, lifetime: TimeSpan.FromHours(1)));
        return client;
    }

    // The identity service issues service tokens only for tenants it knows; users of the test issuer need one.
    private void AddTenantToIdentity(string tenant)
    {
        lock (_tenants)
        {
            if (!_tenants.Add(tenant))
            {
                return;
            }
            var database = Identity.Services.GetRequiredService<SqlDatabase<IdentityDb>>();
            using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var insert = new MagicHub.Identity.Tenants.Tenant { Id = tenant, Name = tenant, CreatedAt = DateTime.UtcNow }.AddParameters(connection.CreateCommand(MagicHub.Identity.Tenants.Tenant.Insert));
            insert.ExecuteNonQuery();
        }
    }

    private KestrelServiceFactory<T> Start<T>(KestrelServiceFactory<T> factory) where T : class
    {
        factory.Start();
        _services.Add(factory);
        return factory;
    }

    // Every service: the real identity service for JWKS and service tokens, the shared secret, no revocation poll.
    private Dictionary<string, string?> With(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>(Quiet)
        {
            ["Security:ServiceSecret"] = ServiceSecret,
            ["Security:RevocationPollInterval"] = "00:00:00",
        };
        if (Identity is not null)
        {
            all["Services:identity:http:0"] = Identity.BaseAddress.ToString();
        }
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _services.Count - 1; i >= 0; i--)
        {
            await _services[i].DisposeAsync();
        }
        _tokens.Dispose();
    }
}
