using System.ClientModel;
using System.ClientModel.Primitives;
using MagicHub.Extraction;
using MagicHub.Extraction.Extract;
using MagicHub.Extraction.Llm;
using MagicHub.Extraction.Offline;
using MagicHub.Extraction.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the extraction service: offline analyzers, the prompts client and the configured language model.</summary>
public static class ExtractionServiceExtensions
{
    public static WebApplicationBuilder AddExtraction(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExtractionOptions>().BindConfiguration(ExtractionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new EntityRecognizer(sp.GetRequiredService<IOptions<ExtractionOptions>>().Value.PhoneRegion));
        builder.Services.AddSingleton<OfflineAnalyzer>();
        builder.Services.AddHttpClient<PromptSource>((sp, http) =>
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<ExtractionOptions>>().Value.PromptsUrl));
        builder.Services.AddScoped<ExtractionService>();
        var engine = builder.Configuration[$"{ExtractionOptions.SectionName}:Engine"] ?? "offline";
        if (engine is "openai") builder.AddOpenAiCompatible();
        if (engine is "gemini") builder.AddGemini();
        return builder;
    }

    private static void AddOpenAiCompatible(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var key = o.ApiKey ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Extraction:Llm:ApiKey (or OPENAI_API_KEY) is required for the openai engine.");
            // Retries are ours (LlmExtractor), so the SDK's own retry policy is off.
            var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
            {
                Endpoint = new Uri(o.BaseUrl ?? "https://api.openai.com/v1"),
                RetryPolicy = new ClientRetryPolicy(0),
            });
            var chat = client.GetChatClient(o.Model ?? "gpt-4o-mini").AsIChatClient();
            return new LlmExtractor(chat, "openai", sp.GetRequiredService<IOptions<LlmOptions>>(), sp.GetRequiredService<TimeProvider>());
        });

    private static void AddGemini(this WebApplicationBuilder builder)
    {
        // A plain client without the platform's resilience handler: LlmExtractor owns retries and backoff.
        builder.Services.AddHttpClient("gemini").ConfigureHttpClient((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            http.BaseAddress = new Uri((o.BaseUrl ?? "https://generativelanguage.googleapis.com").TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds + 5);
        });
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var key = o.ApiKey ?? Environment.GetEnvironmentVariable("GEMINI_API_KEY") ?? throw new InvalidOperationException("Extraction:Llm:ApiKey (or GEMINI_API_KEY) is required for the gemini engine.");
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("gemini");
            return new LlmExtractor(new GeminiChatClient(http, o.Model ?? "gemini-2.0-flash", key), "gemini", sp.GetRequiredService<IOptions<LlmOptions>>(), sp.GetRequiredService<TimeProvider>());
        });
    }
}
