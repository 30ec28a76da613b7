using MagicHub.Media.Contracts;
using MagicHub.Transcription.Audio;
using MagicHub.Transcription.Domains;
using MagicHub.Transcription.Engines;
using MagicHub.Transcription.Engines.Cloud;
using MagicHub.Transcription.Engines.PocketSphinx;
using MagicHub.Transcription.Transcribe;
using MagicHub.Transcription.Vad;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription;

/// <summary>DI registration of the transcription service.</summary>
public static class TranscriptionServiceExtensions
{
    public static WebApplicationBuilder AddTranscription(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TranscriptionOptions>().BindConfiguration(TranscriptionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TranscriptionOptions>, TranscriptionOptionsValidator>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, TranscriptionJsonContext.Default));
        var maxUpload = builder.Configuration.GetValue<long?>($"{TranscriptionOptions.Section}:{nameof(TranscriptionOptions.MaxUploadBytes)}")
            ?? new TranscriptionOptions().MaxUploadBytes;
        // Let the upload through the server's own limits so the service can name the problem itself.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = (maxUpload * 2) + (1024 * 1024));
        services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = maxUpload + (1024 * 1024));

        services.AddSingleton(TimeProvider.System);
        // Every endpoint but health, metrics and docs needs a token; the prompts and media clients pass the caller's on.
        builder.AddPlatformSecurity();
        services.AddSingleton<FfmpegDecoder>();
        services.AddSingleton<TranscriptionPipeline>();
        services.AddHttpClient(DomainCatalogClient.HttpClientName, (sp, http) =>
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<TranscriptionOptions>>().Value.PromptsBaseUrl.TrimEnd('/') + "/"));
        services.AddSingleton<DomainCatalogClient>();
        services.AddMediaClient(builder.Configuration[$"{TranscriptionOptions.Section}:MediaBaseUrl"] ?? "http://media/");

        services.AddSingleton<IVoiceActivityDetector>(sp =>
        {
            var path = sp.GetRequiredService<IOptions<TranscriptionOptions>>().Value.VadModelPath;
            return File.Exists(path) ? new SileroVad(path) : new EnergyVad();
        });
        builder.AddPocketSphinx();
        builder.AddGeminiSpeech();
        builder.AddOpenAiSpeech();
        services.AddHealthChecks().AddCheck<SpeechEngineHealthCheck>("speech-engine");
        services.AddSingleton(sp => sp.GetRequiredKeyedService<ISpeechEngine>(sp.GetRequiredService<IOptions<TranscriptionOptions>>().Value.Engine));
        return builder;
    }

    /// <summary>Registers the offline PocketSphinx engine and its decoder pool (section <c>Transcription:PocketSphinx</c>).</summary>
    public static WebApplicationBuilder AddPocketSphinx(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<PocketSphinxOptions>, PocketSphinxOptionsValidator>();
        builder.Services.AddOptions<PocketSphinxOptions>().BindConfiguration(PocketSphinxOptions.Section)
            .Validate(o => File.Exists(o.LanguageModel) && File.Exists(o.Dictionary) && Directory.Exists(o.AcousticModel),
                "PocketSphinx model files are missing (install pocketsphinx-en-us or fix Transcription:PocketSphinx paths).");
        builder.Services.AddSingleton<DecoderPool>();
        builder.Services.AddKeyedSingleton<ISpeechEngine, PocketSphinxEngine>("pocketsphinx");
        return builder;
    }
}
