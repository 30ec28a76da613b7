using System.Text.Json;

namespace MagicHub.Messaging.Admin;

/// <summary>Lists, inspects, requeues and purges the dead letters of this process's subscribers.</summary>
public interface IDeadLetterAdmin
{
    /// <summary>Dead letters, newest first, of one subscriber or of all local subscribers.</summary>
    Task<IReadOnlyList<DeadLetterInfo>> ListAsync(string? subscriber, int limit, CancellationToken cancellationToken);

    /// <summary>One dead letter with its envelope, or null.</summary>
    Task<DeadLetterDetail?> GetAsync(string subscriber, Guid eventId, CancellationToken cancellationToken);

    /// <summary>Sends the event to the subscriber again (after a fix); false when no such dead letter.</summary>
    Task<bool> RequeueAsync(string subscriber, Guid eventId, CancellationToken cancellationToken);

    /// <summary>Deletes one dead letter (<paramref name="eventId"/>) or all of a subscriber's; returns how many.</summary>
    Task<int> PurgeAsync(string subscriber, Guid? eventId, CancellationToken cancellationToken);
}

/// <summary>A dead letter with its failure reason.</summary>
public sealed record DeadLetterInfo(string Subscriber, Guid EventId, string Type, string Reason, int Attempts, DateTimeOffset DeadLetteredAt);

/// <summary>A dead letter with the CloudEvents envelope it carried.</summary>
public sealed record DeadLetterDetail(DeadLetterInfo DeadLetter, JsonElement Envelope);

/// <summary>Replay request: events of <paramref name="Type"/> with time ≥ <paramref name="From"/> (and &lt; <paramref name="To"/>) to one subscriber.</summary>
public sealed record ReplayRequest(string Type, DateTimeOffset From, string Subscriber, DateTimeOffset? To = null);

/// <summary>Replay result.</summary>
public sealed record ReplayResult(string Type, string Subscriber, int Replayed);

/// <summary>Purge result.</summary>
public sealed record PurgeResult(string Subscriber, int Purged);
