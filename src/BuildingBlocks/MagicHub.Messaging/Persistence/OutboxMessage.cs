namespace MagicHub.Messaging.Persistence;

/// <summary>An event in the publishing service's outbox; kept after sending (with <see cref="SentAt"/>) for replay until retention removes it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the relay sends in this order.</summary>
    public long Sequence { get; set; }
    public Guid EventId { get; set; }
    public required string Type { get; set; }
    public string? Tenant { get; set; }
    /// <summary>Event time (UTC); replay selects on it.</summary>
    public DateTime Time { get; set; }
    /// <summary>The CloudEvents envelope as JSON.</summary>
    public required string Envelope { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}
