using MagicHub.Security.Tenancy;

namespace MagicHub.Calls.Pipeline;

/// <summary>Where a call is in the pipeline.</summary>
public enum PipelineStage
{
    /// <summary>Speech to text and domain detection.</summary>
    Transcribe,
    /// <summary>Prompt validation or generation, then extraction.</summary>
    Analyze,
    /// <summary>Storing the call in <c>general</c> and <c>domain_specific</c>.</summary>
    Save,
    /// <summary>Nothing left to do.</summary>
    Done,
}

/// <summary>The overall state of a submitted call.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One submitted call and the stored result of each stage, so a restart resumes where it stopped.
/// The audio itself stays in the media service (claim check); only its id is kept here.
/// </summary>
public sealed class CallJob : ITenantOwned
{
    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    /// <summary>Content hash of the audio unless the client gave an <c>Idempotency-Key</c>; unique per tenant.</summary>
    public required string IdempotencyKey { get; set; }
    public required string FileName { get; set; }
    public Guid MediaId { get; set; }
    public long SizeBytes { get; set; }
    public JobStatus Status { get; set; } = JobStatus.Queued;
    public PipelineStage Stage { get; set; } = PipelineStage.Transcribe;
    /// <summary>Failed attempts of the current stage.</summary>
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public string? TranscriptionJson { get; set; }
    public string? PromptJson { get; set; }
    public string? ExtractionJson { get; set; }
    public Guid? CallId { get; set; }
    public string? CallbackUrl { get; set; }
    /// <summary>Per stage: when it started and finished, as JSON.</summary>
    public string TimingsJson { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>True once nothing more will happen without a retry.</summary>
    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed;
}
