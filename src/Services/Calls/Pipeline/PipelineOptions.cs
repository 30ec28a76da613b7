using System.ComponentModel.DataAnnotations;

namespace MagicHub.Calls.Pipeline;

/// <summary>Settings of the call pipeline (section <c>Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Failed attempts of one stage (service down, timeout) before the call ends <c>failed</c>.</summary>
    [Range(1, 100)]
    public int MaxStageAttempts { get; set; } = 8;

    /// <summary>How long <c>POST /api/transcribe/</c> waits for the analysis before answering 504 (the call goes on).</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the synchronous endpoint waits for the save once the analysis is done; past it the save is retried in the background.</summary>
    public TimeSpan SaveGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time limit of one call to the transcription service (long recordings take minutes offline).</summary>
    public TimeSpan TranscriptionTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest upload accepted per file.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Most files in one <c>POST /api/calls</c>.</summary>
    [Range(1, 1000)]
    public int MaxFilesPerRequest { get; set; } = 50;
}

/// <summary>Checks <see cref="PipelineOptions"/> on start (source-generated: no reflection, Native AOT safe).</summary>
[Microsoft.Extensions.Options.OptionsValidator]
public sealed partial class PipelineOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<PipelineOptions>;
