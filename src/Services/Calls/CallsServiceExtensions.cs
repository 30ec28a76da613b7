using MagicHub.Calls;
using MagicHub.Calls.Data;
using MagicHub.Calls.Pipeline;
using MagicHub.Media.Contracts;
using MagicHub.Messaging;
using MagicHub.Messaging.RabbitMQ;
using MagicHub.Persistence;
using MagicHub.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the calls service.</summary>
public static class CallsServiceExtensions
{
    /// <summary>Adds the calls database, the durable call pipeline and the clients of the services it drives.</summary>
    public static WebApplicationBuilder AddCalls(this WebApplicationBuilder builder)
    {
        builder.AddServiceSqlDatabase<CallsDb>("calls", CallsDb.Upgrades);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, CallsJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Add(FormFileSchemaResolver.Instance);
        });
        builder.AddPlatformSecurity();
        // The validation source generator only sees endpoints of the project that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddCallPipeline();
        return builder;
    }

    private static void AddCallPipeline(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        var options = builder.Configuration.GetSection(PipelineOptions.SectionName).Get<PipelineOptions>() ?? new PipelineOptions();

        builder.AddMessaging<CallsDb>(messaging => messaging.ServiceName = "calls").AddEventJson(CallsEventsJson.Default).WithRabbitMQ();
        // Stage handlers call other services for seconds to minutes: they run outside the inbox transaction and are idempotent.
        builder.Services.AddSubscription<CallSubmittedIntegrationEvent, TranscribeStep>(transactional: false);
        builder.Services.AddSubscription<TranscriptionCompletedIntegrationEvent, AnalyzeStep>(transactional: false);
        builder.Services.AddSubscription<CallPostprocessedIntegrationEvent, SaveStep>();
        builder.Services.AddSubscription<CallFinishedIntegrationEvent, CallbackNotifier>(transactional: false);
        builder.Services.AddScoped<StageRunner>();
        builder.Services.AddScoped<CallSubmission>();

        // Uploads and transcription stream large bodies that cannot be replayed: the pipeline retries them, not the client.
#pragma warning disable EXTEXP0001
        builder.Services.AddMediaClient(ServiceCatalog.ResolveAddress(builder.Configuration, "media").ToString())
            .RemoveAllResilienceHandlers().ConfigureHttpClient(http => http.Timeout = options.TranscriptionTimeout);
        builder.Services.AddHttpClient<TranscriptionClient>(http =>
        {
            http.BaseAddress = ServiceCatalog.ResolveAddress(builder.Configuration, "transcription");
            http.Timeout = options.TranscriptionTimeout;
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddHttpClient<PromptsClient>(http => http.BaseAddress = ServiceCatalog.ResolveAddress(builder.Configuration, "prompts"));
        builder.Services.AddHttpClient<ExtractionClient>(http => http.BaseAddress = ServiceCatalog.ResolveAddress(builder.Configuration, "extraction"));
        // Callback URLs belong to customers: they must never receive a service token of the tenant.
        builder.Services.AddHttpClient(CallbackNotifier.ClientName).WithoutPlatformToken();
    }
}
