using System.Net.Http.Headers;
using MagicHub.Calls.Data;
using MagicHub.Extraction;
using MagicHub.Media;
using MagicHub.Prompts.Data;
using MagicHub.Security.Testing;
using MagicHub.Testing;
using MagicHub.Transcription;
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
/// The real pipeline services on Kestrel (loopback): media, transcription (PocketSphinx), prompts, extraction and
/// calls, wired to each other by configuration as in production; calls trusts a test token issuer.
/// </summary>
public sealed class PipelinePlatform : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly List<IAsyncDisposable> _services = [];

    public KestrelServiceFactory<ExtractionOptions> Extraction { get; private set; } = null!;

    public KestrelServiceFactory<CallsDb> Calls { get; private set; } = null!;

    public string Tenant { get; } = "tenant-" + Guid.NewGuid().ToString("N")[..6];

    private static readonly Dictionary<string, string?> Quiet = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        ["Logging:LogLevel:System.Net.Http"] = "None",
        ["Logging:LogLevel:Polly"] = "None",
    };

    public ValueTask InitializeAsync()
    {
        var media = Start(new KestrelServiceFactory<MediaOptions>(With(("Security:RevocationPollInterval", "00:00:00")), _tokens.Trust));
        var prompts = Start(new KestrelServiceFactory<PromptsDb>(With()));
        var transcription = Start(new KestrelServiceFactory<TranscriptionOptions>(With(
            ("Transcription:PromptsBaseUrl", prompts.BaseAddress.ToString()),
            ("Transcription:PocketSphinx:PoolSize", "2"),
            // These tests are about the pipeline, not recognition quality (the transcription tests cover the engine's
            // defaults): reuse warm decoders and skip the digits pass so fifty calls fit in a CI run.
            ("Transcription:PocketSphinx:FreshDecoderPerStream", "false"),
            ("Transcription:PocketSphinx:DigitGrammarRescoring", "false"))));
        Extraction = StartExtraction(FreePort.Next(), prompts.BaseAddress);
        Calls = Start(new KestrelServiceFactory<CallsDb>(With(
            ("Services:media:http:0", media.BaseAddress.ToString()),
            ("Services:transcription:http:0", transcription.BaseAddress.ToString()),
            ("Services:prompts:http:0", prompts.BaseAddress.ToString()),
            ("Services:extraction:http:0", Extraction.BaseAddress.ToString()),
            ("Security:RevocationPollInterval", "00:00:00"),
            ("Messaging:RetryBaseDelay", "00:00:00.500"),
            ("Messaging:MaxRetries", "20"),
            ("Pipeline:MaxStageAttempts", "15")), _tokens.Trust));
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts the extraction service on <paramref name="port"/> (again, after <see cref="StopExtractionAsync"/>).</summary>
    public KestrelServiceFactory<ExtractionOptions> StartExtraction(int port, Uri prompts) =>
        Extraction = Start(new KestrelServiceFactory<ExtractionOptions>(With(("Extraction:PromptsUrl", prompts.ToString())), port: port));

    /// <summary>Stops the extraction service as a crash would take it away.</summary>
    public async Task StopExtractionAsync()
    {
        _services.Remove(Extraction);
        await Extraction.DisposeAsync();
    }

    /// <summary>A client of the calls service holding a writer's token of <see cref="Tenant"/>.</summary>
    public HttpClient CallsClient(string? tenant = null)
    {
        var client = Calls.CreateLoopbackClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.Issue(tenant ?? Tenant, lifetime: TimeSpan.FromHours(1)));
        return client;
    }

    private KestrelServiceFactory<T> Start<T>(KestrelServiceFactory<T> factory) where T : class
    {
        factory.Start();
        _services.Add(factory);
        return factory;
    }

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>(Quiet);
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
