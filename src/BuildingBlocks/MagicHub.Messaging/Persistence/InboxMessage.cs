namespace MagicHub.Messaging.Persistence;

/// <summary>Marks an event as handled by one subscriber; unique on (subscriber, event id).</summary>
public sealed class InboxMessage
{
    public required string Subscriber { get; set; }
    public Guid EventId { get; set; }
    public required string Type { get; set; }
    public DateTime HandledAt { get; set; }
}
