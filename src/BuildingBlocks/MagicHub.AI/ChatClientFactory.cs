using System.ClientModel;
using System.ClientModel.Primitives;
using MagicHub.AI.Gemini;
using Microsoft.Extensions.AI;
using OpenAI;

namespace MagicHub.AI;

/// <summary>Builds the Microsoft.Extensions.AI client of the configured provider over one HTTP client without automatic retries (<see cref="ChatModel"/> owns retries).</summary>
public static class ChatClientFactory
{
    /// <summary>The client for <paramref name="options"/>; null for <see cref="ChatProvider.Offline"/>.</summary>
    public static IChatClient? Create(AIOptions options, HttpClient http) => options.Provider switch
    {
        ChatProvider.Gemini => new GeminiChatClient(Rooted(http, options), options.EffectiveModel, options.EffectiveApiKey!),
        ChatProvider.OpenAICompatible => new OpenAIClient(new ApiKeyCredential(options.EffectiveApiKey!), new OpenAIClientOptions
        {
            Endpoint = options.EffectiveBaseUrl,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        }).GetChatClient(options.EffectiveModel).AsIChatClient(),
        _ => null,
    };

    private static HttpClient Rooted(HttpClient http, AIOptions options)
    {
        http.BaseAddress ??= options.EffectiveBaseUrl;
        return http;
    }
}
