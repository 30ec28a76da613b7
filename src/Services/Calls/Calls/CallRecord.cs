using MagicHub.Security.Tenancy;

namespace MagicHub.Calls.Calls;

/// <summary>One analyzed call: the seed's <c>general</c> table.</summary>
public sealed class CallRecord : ITenantOwned
{
    public Guid Id { get; set; }
    /// <summary>The pipeline job that produced the call (null for calls stored through <c>POST /save</c>); unique.</summary>
    public Guid? JobId { get; set; }
    public required string FileName { get; set; }
    public string Domain { get; set; } = "unknown";
    public string Category { get; set; } = "unknown";
    public string Sentiment { get; set; } = "neutral";
    public string Transcription { get; set; } = "";
    /// <summary>The general metrics (six sections) as JSON.</summary>
    public string MetricsJson { get; set; } = "{}";
    public int Stage1InputTokens { get; set; }
    public int Stage1OutputTokens { get; set; }
    public int Stage2InputTokens { get; set; }
    public int Stage2OutputTokens { get; set; }
    /// <summary>The owning tenant, stamped from the caller's token on insert.</summary>
    public string TenantId { get; set; } = "";
    public string? MediaId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DomainSpecificRecord? DomainSpecific { get; set; }
}

/// <summary>The domain-specific data of a call: the seed's <c>domain_specific</c> table.</summary>
public sealed class DomainSpecificRecord : ITenantOwned
{
    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    public Guid CallId { get; set; }
    /// <summary>Extracted fields as JSON.</summary>
    public string DataJson { get; set; } = "{}";
}
