namespace MagicHub.Messaging.Persistence;

/// <summary>A row of <c>messaging_deliveries</c>: an event waiting for one in-process subscriber (the in-process transport's durable queue).</summary>
internal sealed record QueuedDelivery(long Id, string Subscriber, Guid EventId, string Type, string Envelope, bool IsReplay);
