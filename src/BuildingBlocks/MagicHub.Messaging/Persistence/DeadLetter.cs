namespace MagicHub.Messaging.Persistence;

/// <summary>An event whose handler kept failing, kept with the failure reason until requeued or purged (in-process transport).</summary>
public sealed class DeadLetter
{
    public long Id { get; set; }
    public required string Subscriber { get; set; }
    public Guid EventId { get; set; }
    public required string Type { get; set; }
    public required string Envelope { get; set; }
    public required string Reason { get; set; }
    public int Attempts { get; set; }
    public DateTime DeadLetteredAt { get; set; }
}
