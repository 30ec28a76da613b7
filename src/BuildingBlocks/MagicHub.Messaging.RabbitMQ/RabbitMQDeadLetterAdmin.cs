using System.Text;
using System.Text.Json;
using MagicHub.Messaging.Admin;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MagicHub.Messaging.RabbitMQ;

/// <summary>
/// Dead letters in each subscriber's <c>{subscriber}.dead-letters</c> quorum queue. Reading takes
/// messages without acking and closes the channel, which puts them back.
/// </summary>
internal sealed class RabbitMQDeadLetterAdmin(RabbitMQConnection connection, SubscriptionRegistry subscriptions) : IDeadLetterAdmin
{
    private const int ScanLimit = 10_000;

    public async Task<IReadOnlyList<DeadLetterInfo>> ListAsync(string? subscriber, int limit, CancellationToken cancellationToken)
    {
        var names = subscriber is null ? subscriptions.All.Select(s => s.Subscriber) : [subscriber];
        var all = new List<DeadLetterInfo>();
        foreach (var name in names)
        {
            await ScanAsync(name, limit, (_, info, _) => { all.Add(info); return Task.FromResult(false); }, confirm: false, cancellationToken);
        }
        return [.. all.OrderByDescending(d => d.DeadLetteredAt).Take(limit)];
    }

    public async Task<DeadLetterDetail?> GetAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        DeadLetterDetail? found = null;
        await ScanAsync(subscriber, ScanLimit, (_, info, message) =>
        {
            if (info.EventId != eventId) return Task.FromResult(false);
            found = new(info, JsonDocument.Parse(message.Body).RootElement.Clone());
            return Task.FromResult(true);
        }, confirm: false, cancellationToken);
        return found;
    }

    public async Task<bool> RequeueAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        var requeued = false;
        await ScanAsync(subscriber, ScanLimit, async (channel, info, message) =>
        {
            if (info.EventId != eventId) return false;
            var props = RabbitMQTopology.Properties(info.EventId, info.Type);
            await channel.BasicPublishAsync("", subscriber, mandatory: true, props, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            requeued = true;
            return true;
        }, confirm: true, cancellationToken);
        return requeued;
    }

    public async Task<int> PurgeAsync(string subscriber, Guid? eventId, CancellationToken cancellationToken)
    {
        if (eventId is null)
        {
            var conn = await connection.GetAsync(cancellationToken);
            await using var channel = await conn.CreateChannelAsync(cancellationToken: cancellationToken);
            try { return (int)await channel.QueuePurgeAsync(RabbitMQTopology.DeadLetterQueue(subscriber), cancellationToken); }
            catch (OperationInterruptedException) { return 0; }
        }
        var purged = 0;
        await ScanAsync(subscriber, ScanLimit, async (channel, info, message) =>
        {
            if (info.EventId != eventId) return false;
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            purged++;
            return false;
        }, confirm: false, cancellationToken);
        return purged;
    }

    /// <summary>Gets up to <paramref name="limit"/> messages unacked; <paramref name="visit"/> returns true to stop.</summary>
    private async Task ScanAsync(string subscriber, int limit,
        Func<IChannel, DeadLetterInfo, BasicGetResult, Task<bool>> visit, bool confirm, CancellationToken ct)
    {
        var conn = await connection.GetAsync(ct);
        var queue = RabbitMQTopology.DeadLetterQueue(subscriber);
        try
        {
            await using var channel = await conn.CreateChannelAsync(new CreateChannelOptions(confirm, confirm), ct);
            for (var i = 0; i < limit; i++)
            {
                var message = await channel.BasicGetAsync(queue, autoAck: false, ct);
                if (message is null) break;
                if (await visit(channel, ToInfo(subscriber, message), message)) break;
            }
            // Closing the channel returns every message taken without an ack to the queue.
            if (channel.IsOpen) await channel.CloseAsync(ct);
        }
        catch (AlreadyClosedException)
        {
            // The connection is recovering: nothing can be read right now.
        }
        catch (OperationInterruptedException)
        {
            // No such dead-letter queue (or it is not running yet, e.g. just after a broker start): nothing to read.
        }
    }

    private static DeadLetterInfo ToInfo(string subscriber, BasicGetResult message)
    {
        var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
        string Text(string key) => headers.TryGetValue(key, out var v) ? v switch { byte[] b => Encoding.UTF8.GetString(b), null => "", _ => v.ToString() ?? "" } : "";
        long Number(string key) => headers.TryGetValue(key, out var v) && v is not null ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new(
            subscriber,
            Guid.TryParse(message.BasicProperties.MessageId, out var id) ? id : Guid.Empty,
            message.BasicProperties.Type ?? "",
            Text(RabbitMQTopology.ReasonHeader),
            (int)Number(RabbitMQTopology.AttemptsHeader),
            DateTimeOffset.FromUnixTimeMilliseconds(Number(RabbitMQTopology.DeadLetteredAtHeader)));
    }
}
