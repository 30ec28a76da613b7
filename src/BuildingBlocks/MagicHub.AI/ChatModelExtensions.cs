using MagicHub.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the platform's language model (MagicHub.AI).</summary>
public static class ChatModelExtensions
{
    /// <summary>
    /// Binds <see cref="AIOptions"/> from the <c>AI</c> section (validated on start) and registers <see cref="ChatModel"/>,
    /// which talks to Gemini or an OpenAI-compatible endpoint, or reports <see cref="ChatModel.IsConfigured"/> false when offline.
    /// </summary>
    public static IHostApplicationBuilder AddChatModel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AIOptions>().BindConfiguration(AIOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AIOptions>, AIOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ChatModel>();
        return builder;
    }
}
