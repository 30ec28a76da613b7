using MagicHub.Transcription.Engines.Cloud;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines;

/// <summary>Registration of the cloud speech engines; each is keyed by its name and chosen by <c>Transcription:Engine</c>.</summary>
public static class CloudSpeechExtensions
{
    public static WebApplicationBuilder AddGeminiSpeech(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GeminiOptions>().BindConfiguration(GeminiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(GeminiSpeechEngine.HttpClientName, (sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<GeminiOptions>>().Value.TimeoutSeconds));
        builder.Services.AddKeyedSingleton<ISpeechEngine>("gemini", (sp, _) => new GeminiSpeechEngine(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(GeminiSpeechEngine.HttpClientName), sp.GetRequiredService<IOptions<GeminiOptions>>()));
        return builder;
    }

    public static WebApplicationBuilder AddOpenAiSpeech(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenAiSpeechOptions>().BindConfiguration(OpenAiSpeechOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(OpenAiSpeechEngine.HttpClientName, (sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<OpenAiSpeechOptions>>().Value.TimeoutSeconds));
        builder.Services.AddKeyedSingleton<ISpeechEngine>("openai", (sp, _) => new OpenAiSpeechEngine(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAiSpeechEngine.HttpClientName),
            sp.GetRequiredService<IOptions<OpenAiSpeechOptions>>(), sp.GetRequiredService<IOptions<TranscriptionOptions>>()));
        return builder;
    }
}
