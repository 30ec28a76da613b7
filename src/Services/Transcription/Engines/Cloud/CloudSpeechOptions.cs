using System.ComponentModel.DataAnnotations;

namespace MagicHub.Transcription.Engines.Cloud;

/// <summary>Gemini <c>generateContent</c> with inline audio (section <c>Transcription:Gemini</c>); the key falls back to <c>GEMINI_API_KEY</c>.</summary>
public sealed class GeminiOptions
{
    public const string Section = "Transcription:Gemini";

    [Required]
    public string BaseUrl { get; set; } = "https://generativelanguage.googleapis.com";

    [Required]
    public string Model { get; set; } = "gemini-2.0-flash";

    public string? ApiKey { get; set; }

    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 300;
}

/// <summary>Any OpenAI-compatible <c>POST /v1/audio/transcriptions</c> server (section <c>Transcription:OpenAI</c>); key falls back to <c>OPENAI_API_KEY</c>.</summary>
public sealed class OpenAiSpeechOptions
{
    public const string Section = "Transcription:OpenAI";

    /// <summary>Server root, e.g. <c>https://api.openai.com</c>, <c>https://api.groq.com/openai</c>, <c>http://localhost:8080</c>.</summary>
    [Required]
    public string BaseUrl { get; set; } = "https://api.openai.com";

    [Required]
    public string Model { get; set; } = "whisper-1";

    public string? ApiKey { get; set; }

    /// <summary>ISO-639-1 hint sent as <c>language</c>; empty lets the server detect it.</summary>
    public string? Language { get; set; } = "en";

    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 300;
}
