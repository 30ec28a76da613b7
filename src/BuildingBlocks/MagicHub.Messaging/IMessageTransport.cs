using System.Data.Common;
using MagicHub.Messaging.Persistence;

namespace MagicHub.Messaging;

/// <summary>Carries outbox rows to subscribers. One is active per process, chosen by <c>Messaging:Transport</c>.</summary>
public interface IMessageTransport
{
    /// <summary>Transport name as used in configuration.</summary>
    string Name { get; }

    /// <summary>
    /// Sends a batch of outbox rows, outside any database transaction. Returns one entry per row: <c>null</c> when sent,
    /// else the failure reason (the relay retries it later).
    /// </summary>
    Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Runs in the relay's transaction that marks <paramref name="sent"/> as sent, so a transport that stores its
    /// deliveries in the service's database (in-process) commits them together with "sent".
    /// </summary>
    Task RecordSentAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> sent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after the relay committed a batch.</summary>
    void Committed() { }

    /// <summary>Delivers past events again to one subscriber only, bypassing its inbox check.</summary>
    /// <exception cref="UnknownSubscriberException">The transport cannot reach that subscriber.</exception>
    Task ReplayAsync(string subscriber, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken);
}

/// <summary>A subscriber name that the transport does not know.</summary>
public sealed class UnknownSubscriberException(string subscriber)
    : Exception($"Subscriber '{subscriber}' is unknown to this transport.")
{
    /// <summary>The subscriber name.</summary>
    public string Subscriber { get; } = subscriber;
}
