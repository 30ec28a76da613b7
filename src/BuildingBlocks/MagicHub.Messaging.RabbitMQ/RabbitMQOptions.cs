namespace MagicHub.Messaging.RabbitMQ;

/// <summary>RabbitMQ transport settings (<c>Messaging:RabbitMQ</c>).</summary>
public sealed class RabbitMQOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Messaging:RabbitMQ";

    /// <summary>AMQP URI, e.g. <c>amqp://guest:guest@localhost:5672/</c>.</summary>
    public string ConnectionString { get; set; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>Durable topic exchange that every service publishes to; routing key = event type.</summary>
    public string Exchange { get; set; } = "magichub.events";

    /// <summary>Unacknowledged messages a subscriber's channel may hold.</summary>
    public ushort Prefetch { get; set; } = 32;

    /// <summary>How long a publish may wait for the broker's confirm.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Wait between reconnect attempts (also the client's automatic recovery interval).</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(2);
}
