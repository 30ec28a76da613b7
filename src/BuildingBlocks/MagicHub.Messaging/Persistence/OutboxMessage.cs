namespace MagicHub.Messaging.Persistence;

/// <summary>A row of <c>messaging_outbox</c>: an event of this service; kept after sending (with <see cref="SentAt"/>) for replay until retention removes it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the relay sends in this order.</summary>
    public long Sequence { get; init; }

    /// <summary>The event id.</summary>
    public Guid EventId { get; init; }

    /// <summary>The wire type, e.g. <c>recording.ingested.v1</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The event's tenant, if any.</summary>
    public string? Tenant { get; init; }

    /// <summary>Event time (UTC); replay selects on it.</summary>
    public DateTime Time { get; init; }

    /// <summary>The CloudEvents envelope as JSON.</summary>
    public required string Envelope { get; init; }

    /// <summary>When the row was written (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the transport took the row (UTC); null while pending.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>Failed send attempts.</summary>
    public int Attempts { get; set; }

    /// <summary>The earliest time of the next send attempt (UTC).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Why the last send attempt failed.</summary>
    public string? LastError { get; set; }
}
