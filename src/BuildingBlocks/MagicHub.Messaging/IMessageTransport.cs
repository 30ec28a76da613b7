using MagicHub.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Messaging;

/// <summary>Carries outbox rows to subscribers. One is active per process, chosen by <c>Messaging:Transport</c>.</summary>
public interface IMessageTransport
{
    /// <summary>Transport name as used in configuration.</summary>
    string Name { get; }

    /// <summary>
    /// Sends a batch of outbox rows. Returns one entry per row: <c>null</c> when sent, else the failure
    /// reason (the relay retries it later). <paramref name="db"/> is the service's DbContext; the relay
    /// saves it after this returns, so a transport may add rows that commit with "sent".
    /// </summary>
    Task<IReadOnlyList<string?>> SendAsync(DbContext db, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken);

    /// <summary>Called after the relay committed a batch.</summary>
    void Committed() { }

    /// <summary>Delivers past events again to one subscriber only, bypassing its inbox check.</summary>
    /// <exception cref="UnknownSubscriberException">The transport cannot reach that subscriber.</exception>
    Task ReplayAsync(DbContext db, string subscriber, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken);
}

/// <summary>A subscriber name that the transport does not know.</summary>
public sealed class UnknownSubscriberException(string subscriber)
    : Exception($"Subscriber '{subscriber}' is unknown to this transport.")
{
    /// <summary>The subscriber name.</summary>
    public string Subscriber { get; } = subscriber;
}
