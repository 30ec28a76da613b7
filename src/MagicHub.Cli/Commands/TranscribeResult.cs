using System.Text.Json.Serialization;

namespace MagicHub.Cli.Commands;

/// <summary>How one file fared in <c>magichub transcribe</c>; also its <c>--json</c> output.</summary>
public sealed record TranscribeResult(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("job_id")] Guid? JobId = null,
    [property: JsonPropertyName("call_id")] Guid? CallId = null,
    [property: JsonPropertyName("domain")] string? Domain = null,
    [property: JsonPropertyName("category")] string? Category = null,
    [property: JsonPropertyName("sentiment")] string? Sentiment = null,
    [property: JsonPropertyName("seconds")] double? Seconds = null,
    [property: JsonPropertyName("duplicate")] bool Duplicate = false,
    [property: JsonPropertyName("error")] string? Error = null)
{
    /// <summary>True when the file's call completed.</summary>
    [JsonIgnore]
    public bool Succeeded => Status == "completed";
}
