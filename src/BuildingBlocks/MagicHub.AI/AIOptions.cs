namespace MagicHub.AI;

/// <summary>Which language model answers <see cref="ChatModel"/> requests.</summary>
public enum ChatProvider
{
    /// <summary>No model: callers use their own offline engines.</summary>
    Offline,

    /// <summary>Google Gemini <c>models/{model}:generateContent</c>.</summary>
    Gemini,

    /// <summary>Any OpenAI-compatible <c>/v1/chat/completions</c> endpoint (OpenAI, Azure OpenAI v1, Ollama, vLLM, LM Studio ...).</summary>
    OpenAICompatible,
}

/// <summary>Language-model settings, section <c>AI</c>; validated on start.</summary>
public sealed class AIOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AI";

    /// <summary>The provider; <see cref="ChatProvider.Offline"/> (the default) means no model.</summary>
    public ChatProvider Provider { get; set; } = ChatProvider.Offline;

    /// <summary>API root: the Gemini API root (default <c>https://generativelanguage.googleapis.com</c>) or an OpenAI-compatible <c>/v1</c> root (default <c>https://api.openai.com/v1</c>).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Model name; defaults to <c>gemini-2.0-flash</c> or <c>gpt-4o-mini</c>.</summary>
    public string? Model { get; set; }

    /// <summary>API key; when empty, <c>GEMINI_API_KEY</c> or <c>OPENAI_API_KEY</c> from the environment.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Retries after a 429 or 5xx answer (or a timeout), with exponential backoff.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay in milliseconds; doubles on each retry.</summary>
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>Time for one request in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The model name in effect.</summary>
    public string EffectiveModel => string.IsNullOrWhiteSpace(Model)
        ? Provider == ChatProvider.Gemini ? "gemini-2.0-flash" : "gpt-4o-mini"
        : Model;

    /// <summary>The API root in effect, ending with a slash.</summary>
    public Uri EffectiveBaseUrl => new((string.IsNullOrWhiteSpace(BaseUrl)
        ? Provider == ChatProvider.Gemini ? "https://generativelanguage.googleapis.com" : "https://api.openai.com/v1"
        : BaseUrl).TrimEnd('/') + "/");

    /// <summary>The API key in effect: <see cref="ApiKey"/>, else the provider's environment variable.</summary>
    public string? EffectiveApiKey => !string.IsNullOrWhiteSpace(ApiKey)
        ? ApiKey
        : Environment.GetEnvironmentVariable(Provider == ChatProvider.Gemini ? "GEMINI_API_KEY" : "OPENAI_API_KEY") is { Length: > 0 } key ? key : null;
}
