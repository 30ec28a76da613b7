using MagicHub.Transcription.Engines.Cloud;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines;

/// <summary>Registration of the cloud speech engines; each is keyed by its name and chosen by <c>Transcription:Engine</c>.</summary>
public static class CloudSpeechExtensions
{
    public static WebApplicationBuilder AddGeminiSpeech(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GeminiOptions>().BindConfiguration(GeminiOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GeminiOptions>, GeminiOptionsValidator>();
        var timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue<int?>($"{GeminiOptions.Section}:TimeoutSeconds") ?? new GeminiOptions().TimeoutSeconds);
        // Gemini authenticates with x-goog-api-key: without this the caller's platform token would go to Google too.
        builder.Services.AddHttpClient(GeminiSpeechEngine.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .WithoutPlatformToken().WithLongCallResilience(timeout);
        builder.Services.AddKeyedSingleton<ISpeechEngine>("gemini", (sp, _) => new GeminiSpeechEngine(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(GeminiSpeechEngine.HttpClientName), sp.GetRequiredService<IOptions<GeminiOptions>>()));
        return builder;
    }

    // Transcribing a long call takes minutes: the platform's 10 s attempt / 30 s total defaults would cut it off.
    // RemoveAllResilienceHandlers is the library's documented way to replace the defaults' handler (still marked experimental).
#pragma warning disable EXTEXP0001
    private static void WithLongCallResilience(this IHttpClientBuilder http, TimeSpan timeout) =>
        http.RemoveAllResilienceHandlers().AddStandardResilienceHandler(r =>
        {
            r.AttemptTimeout.Timeout = timeout;
            r.TotalRequestTimeout.Timeout = (timeout * 2) + TimeSpan.FromSeconds(10);
            r.Retry.MaxRetryAttempts = 1;
            r.CircuitBreaker.SamplingDuration = timeout * 2;
        });
#pragma warning restore EXTEXP0001

    public static WebApplicationBuilder AddOpenAiSpeech(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenAiSpeechOptions>().BindConfiguration(OpenAiSpeechOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OpenAiSpeechOptions>, OpenAiSpeechOptionsValidator>();
        var timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue<int?>($"{OpenAiSpeechOptions.Section}:TimeoutSeconds") ?? new OpenAiSpeechOptions().TimeoutSeconds);
        builder.Services.AddHttpClient(OpenAiSpeechEngine.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .WithoutPlatformToken().WithLongCallResilience(timeout);
        builder.Services.AddKeyedSingleton<ISpeechEngine>("openai", (sp, _) => new OpenAiSpeechEngine(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAiSpeechEngine.HttpClientName),
            sp.GetRequiredService<IOptions<OpenAiSpeechOptions>>(), sp.GetRequiredService<IOptions<TranscriptionOptions>>()));
        return builder;
    }
}
