using System.Data.Common;
using MagicHub.Messaging.Persistence;

namespace MagicHub.Messaging;

/// <summary>Carries outbox rows to subscribers. One is active per process, chosen by <c>Messaging:Transport</c>.</summary>
public interface IMessageTransport
{
    /// <summary>Transport name as used in configuration.</summary>
    string Name { get; }

    /// <summary>
    /// Sends a batch of outbox rows. Returns one entry per row: <c>null</c> when sent, else the failure
    /// reason (the relay retries it later). <paramref name="transaction"/> is the relay's transaction on the service's
    /// database, which marks the rows sent and commits after this returns, so a transport may write rows that commit with "sent".
    /// </summary>
    Task<IReadOnlyList<string?>> SendAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken);

    /// <summary>Called after a transaction given to <see cref="SendAsync"/> or <see cref="ReplayAsync"/> committed.</summary>
    void Committed() { }

    /// <summary>
    /// Delivers past events again to one subscriber only, bypassing its inbox check; rows it writes go into
    /// <paramref name="transaction"/>, which the caller commits.
    /// </summary>
    /// <exception cref="UnknownSubscriberException">The transport cannot reach that subscriber.</exception>
    Task ReplayAsync(DbTransaction transaction, string subscriber, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken);
}

/// <summary>A subscriber name that the transport does not know.</summary>
public sealed class UnknownSubscriberException(string subscriber)
    : Exception($"Subscriber '{subscriber}' is unknown to this transport.")
{
    /// <summary>The subscriber name.</summary>
    public string Subscriber { get; } = subscriber;
}
