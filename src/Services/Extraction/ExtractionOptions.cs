using System.ComponentModel.DataAnnotations;

namespace MagicHub.Extraction;

/// <summary>Extraction settings (section <c>Extraction</c>).</summary>
public sealed class ExtractionOptions
{
    public const string SectionName = "Extraction";

    /// <summary>Longest transcript accepted, in characters; longer ones get 413.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxTranscriptChars { get; set; } = 500_000;

    /// <summary>Most segments accepted in one request.</summary>
    [Range(1, 100_000)]
    public int MaxSegments { get; set; } = 5_000;

    /// <summary>Default region for phone numbers without a country code.</summary>
    [Required]
    public string PhoneRegion { get; set; } = "US";

    /// <summary>Base address of the prompts service.</summary>
    [Required]
    public string PromptsUrl { get; set; } = "http://prompts";
}
