namespace MagicHub.Messaging.Persistence;

/// <summary>A row of <c>messaging_dead_letters</c>: an event whose handler kept failing, kept with the reason until requeued or purged (in-process transport).</summary>
internal sealed record DeadLetter(long Id, string Subscriber, Guid EventId, string Type, string Envelope, string Reason, int Attempts, DateTime DeadLetteredAt);
