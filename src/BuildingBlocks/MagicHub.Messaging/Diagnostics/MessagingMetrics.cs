using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MagicHub.Messaging.Diagnostics;

/// <summary>Messaging instruments on the <c>MagicHub.Messaging</c> meter (OpenTelemetry picks it up by name).</summary>
public sealed class MessagingMetrics
{
    /// <summary>Meter and activity source name.</summary>
    public const string MeterName = "MagicHub.Messaging";

    internal static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Counter<long> _published;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _unroutable;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("magichub.messaging.published", "{event}", "Events sent from the outbox to the transport.");
        _delivered = meter.CreateCounter<long>("magichub.messaging.delivered", "{event}", "Events handled by a subscriber (duplicates excluded).");
        _retried = meter.CreateCounter<long>("magichub.messaging.retried", "{attempt}", "Failed handler attempts that were retried.");
        _deadLettered = meter.CreateCounter<long>("magichub.messaging.dead_lettered", "{event}", "Events moved to a subscriber's dead-letter queue.");
        _unroutable = meter.CreateCounter<long>("magichub.messaging.unroutable", "{event}", "Events the broker had no subscriber queue for (so it dropped them); RabbitMQ only.");
        meter.CreateObservableGauge("magichub.messaging.outbox.lag", () => OutboxLag.TotalSeconds, "s", "Age of the oldest unsent outbox row.");
    }

    /// <summary>Age of the oldest unsent outbox row, as last seen by the relay.</summary>
    public TimeSpan OutboxLag { get; internal set; }

    internal void Published(string type, string transport) =>
        _published.Add(1, new("event.type", type), new("transport", transport));

    internal void Delivered(string subscriber, string type) =>
        _delivered.Add(1, new("subscriber", subscriber), new("event.type", type));

    internal void Retried(string subscriber, string type) =>
        _retried.Add(1, new("subscriber", subscriber), new("event.type", type));

    /// <summary>Counts events that a broker transport published but no queue was bound for.</summary>
    internal void Unroutable(string type, string transport, int count) =>
        _unroutable.Add(count, new("event.type", type), new("transport", transport));

    internal void DeadLettered(string subscriber, string type) =>
        _deadLettered.Add(1, new("subscriber", subscriber), new("event.type", type));
}
