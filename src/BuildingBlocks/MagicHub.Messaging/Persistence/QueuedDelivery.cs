namespace MagicHub.Messaging.Persistence;

/// <summary>An event waiting for one in-process subscriber (the in-process transport's durable queue).</summary>
public sealed class QueuedDelivery
{
    public long Id { get; set; }
    public required string Subscriber { get; set; }
    public Guid EventId { get; set; }
    public required string Type { get; set; }
    public required string Envelope { get; set; }
    /// <summary>Replayed deliveries run the handler even when the inbox already has the event.</summary>
    public bool IsReplay { get; set; }
    public DateTime EnqueuedAt { get; set; }
}
