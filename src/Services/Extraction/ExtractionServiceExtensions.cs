using MagicHub.Extraction;
using MagicHub.Extraction.Extract;
using MagicHub.Extraction.Llm;
using MagicHub.Extraction.Offline;
using MagicHub.Extraction.Prompts;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the extraction service: offline analyzers, the prompts client and the configured language model (MagicHub.AI).</summary>
public static class ExtractionServiceExtensions
{
    public static WebApplicationBuilder AddExtraction(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExtractionOptions>().BindConfiguration(ExtractionOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ExtractionOptions>, ExtractionOptionsValidator>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ExtractionJsonContext.Default));
        builder.Services.AddSingleton(TimeProvider.System);
        // Every endpoint but health, metrics and docs needs a token; the prompts client passes the caller's on.
        builder.AddPlatformSecurity();
        builder.Services.AddSingleton(sp => new EntityRecognizer(sp.GetRequiredService<IOptions<ExtractionOptions>>().Value.PhoneRegion));
        builder.Services.AddSingleton<OfflineAnalyzer>();
        builder.Services.AddHttpClient<PromptSource>((sp, http) =>
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<ExtractionOptions>>().Value.PromptsUrl));
        builder.Services.AddScoped<ExtractionService>();
        builder.AddChatModel();
        builder.Services.AddSingleton<LlmExtractor>();
        return builder;
    }
}
