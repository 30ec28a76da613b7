using System.Text.Json;
using MagicHub.Messaging.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MagicHub.Messaging.RabbitMQ;

/// <summary>
/// Consumes every local subscriber's quorum queue with manual acks and prefetch. A message is acked
/// only after its handler committed (or it was dead-lettered with confirm), so a crash redelivers it
/// and the inbox drops the duplicate.
/// </summary>
internal sealed class RabbitMQConsumerHost(
    RabbitMQConnection connection,
    SubscriptionRegistry subscriptions,
    SubscriberInvoker invoker,
    RabbitMQReadiness readiness,
    IOptions<RabbitMQOptions> options,
    IOptions<MessagingOptions> messaging,
    TimeProvider time,
    ILogger<RabbitMQConsumerHost> logger) : BackgroundService
{
    private readonly List<IChannel> _channels = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (subscriptions.All.Count == 0)
        {
            readiness.SetReady();
            return;
        }
        foreach (var subscription in subscriptions.All)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    _channels.Add(await StartConsumerAsync(subscription, stoppingToken));
                    break;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Cannot start consumer {Subscriber} yet: {Reason}", subscription.Subscriber, ex.Message);
                    await Task.Delay(options.Value.ReconnectInterval, time, stoppingToken);
                }
            }
        }
        readiness.SetReady();
    }

    private async Task<IChannel> StartConsumerAsync(Subscription subscription, CancellationToken ct)
    {
        var conn = await connection.GetAsync(ct);
        var channel = await conn.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true,
            consumerDispatchConcurrency: (ushort)messaging.Value.Concurrency), ct);
        await RabbitMQTopology.DeclareSubscriberAsync(channel, options.Value, subscription, ct);
        await channel.BasicQosAsync(0, options.Value.Prefetch, global: false, ct);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(channel, subscription, delivery, ct);
        await channel.BasicConsumeAsync(subscription.Subscriber, autoAck: false, consumer, ct);
        logger.LogInformation("Consuming {Queue} ({Type})", subscription.Subscriber, subscription.EventTypeName);
        return channel;
    }

    private async Task OnReceivedAsync(IChannel channel, Subscription subscription, BasicDeliverEventArgs delivery, CancellationToken ct)
    {
        try
        {
            DeliveryResult result;
            try
            {
                var envelope = EventEnvelope.Parse(delivery.Body.Span);
                var replay = delivery.BasicProperties.Headers?.ContainsKey(RabbitMQTopology.ReplayHeader) == true;
                result = await invoker.DeliverAsync(subscription, envelope, replay, null, ct);
            }
            catch (JsonException ex)
            {
                result = new(DeliveryOutcome.DeadLettered, 0, $"Unreadable envelope: {ex.Message}");
            }
            if (result.Outcome == DeliveryOutcome.DeadLettered)
            {
                await PublishDeadLetterAsync(channel, subscription, delivery, result, ct);
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the unacked message returns to the queue when the channel closes.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Delivery {Tag} on {Queue} not completed; it will be redelivered", delivery.DeliveryTag, subscription.Subscriber);
            try { await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None); }
            catch (Exception nackError) { logger.LogDebug(nackError, "Nack failed; the broker requeues on channel close"); }
        }
    }

    private Task PublishDeadLetterAsync(IChannel channel, Subscription subscription, BasicDeliverEventArgs delivery, DeliveryResult result, CancellationToken ct)
    {
        var headers = new Dictionary<string, object?>
        {
            [RabbitMQTopology.ReasonHeader] = result.Reason,
            [RabbitMQTopology.AttemptsHeader] = result.Attempts,
            [RabbitMQTopology.DeadLetteredAtHeader] = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        var props = RabbitMQTopology.Properties(
            Guid.TryParse(delivery.BasicProperties.MessageId, out var id) ? id : Guid.Empty,
            delivery.BasicProperties.Type ?? subscription.EventTypeName, headers);
        return channel.BasicPublishAsync("", RabbitMQTopology.DeadLetterQueue(subscription.Subscriber), mandatory: true, props, delivery.Body, ct).AsTask();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var channel in _channels)
        {
            try { await channel.CloseAsync(cancellationToken); } catch (Exception ex) { logger.LogDebug(ex, "Closing consumer channel failed"); }
            channel.Dispose();
        }
    }
}
