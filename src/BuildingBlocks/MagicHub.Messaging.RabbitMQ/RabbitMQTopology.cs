using RabbitMQ.Client;

namespace MagicHub.Messaging.RabbitMQ;

/// <summary>Queue names and declarations: one durable quorum queue per subscriber plus its dead-letter queue.</summary>
internal static class RabbitMQTopology
{
    public const string ReplayHeader = "x-magichub-replay";
    public const string ReasonHeader = "x-magichub-reason";
    public const string AttemptsHeader = "x-magichub-attempts";
    public const string DeadLetteredAtHeader = "x-magichub-dead-lettered-at";

    private static readonly Dictionary<string, object?> Quorum = new() { ["x-queue-type"] = "quorum" };

    public static string DeadLetterQueue(string subscriber) => subscriber + ".dead-letters";

    public static Task DeclareExchangeAsync(IChannel channel, RabbitMQOptions options, CancellationToken ct) =>
        channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);

    public static async Task DeclareSubscriberAsync(IChannel channel, RabbitMQOptions options, Subscription subscription, CancellationToken ct)
    {
        await DeclareExchangeAsync(channel, options, ct);
        await channel.QueueDeclareAsync(subscription.Subscriber, durable: true, exclusive: false, autoDelete: false, arguments: Quorum, cancellationToken: ct);
        await channel.QueueDeclareAsync(DeadLetterQueue(subscription.Subscriber), durable: true, exclusive: false, autoDelete: false, arguments: Quorum, cancellationToken: ct);
        await channel.QueueBindAsync(subscription.Subscriber, options.Exchange, subscription.EventTypeName, cancellationToken: ct);
    }

    public static BasicProperties Properties(Guid eventId, string type, IDictionary<string, object?>? headers = null) => new()
    {
        Persistent = true,
        MessageId = eventId.ToString(),
        Type = type,
        ContentType = "application/cloudevents+json",
        Headers = headers,
    };
}
