using System.ComponentModel.DataAnnotations;

namespace MagicHub.Extraction.Llm;

/// <summary>Language-model settings (section <c>Extraction:Llm</c>); used when <c>Extraction:Engine</c> is <c>openai</c> or <c>gemini</c>.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Extraction:Llm";

    /// <summary>Base URL: an OpenAI-compatible <c>/v1</c> root, or the Gemini API root.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Model name, e.g. <c>gpt-4o-mini</c> or <c>gemini-2.0-flash</c>.</summary>
    public string? Model { get; set; }

    /// <summary>API key; falls back to <c>OPENAI_API_KEY</c> / <c>GEMINI_API_KEY</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Retries on 429 and 5xx answers.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles on each retry.</summary>
    [Range(0, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 500;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>The language model could not produce a usable answer.</summary>
public sealed class LlmException(string message, Exception? inner = null) : Exception(message, inner);
