namespace MagicHub.Messaging;

/// <summary>
/// Base record of every integration event. Derived records are past-tense facts
/// (<c>RecordingIngested</c>) and carry an <see cref="EventTypeAttribute"/> naming their wire type.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique event id; consumers deduplicate on it.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>When the fact happened.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The tenant the event belongs to, when it belongs to one.</summary>
    public string? TenantId { get; init; }
}
