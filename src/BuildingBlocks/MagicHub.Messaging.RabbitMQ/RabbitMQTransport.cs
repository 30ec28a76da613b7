using System.Collections.Concurrent;
using System.Text;
using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MagicHub.Messaging.RabbitMQ;

/// <summary>
/// Publishes outbox rows to the topic exchange with publisher confirms; replays straight to a subscriber's queue.
/// Events are published as mandatory, so one that no queue is bound for (no subscriber has declared its queue yet) is
/// reported back by the broker: it still counts as sent (nobody was subscribed), but it is logged and counted as
/// unroutable instead of vanishing silently.
/// </summary>
internal sealed class RabbitMQTransport(
    RabbitMQConnection connection,
    RabbitMQReadiness readiness,
    MessagingMetrics metrics,
    IOptions<RabbitMQOptions> options,
    ILogger<RabbitMQTransport> logger) : IMessageTransport, IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _unroutableTypesLogged = new();
    private IChannel? _channel;

    public string Name => MessagingTransports.RabbitMQ;

    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var o = options.Value;
        try
        {
            await readiness.Ready.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (TimeoutException)
        {
            return [.. batch.Select(_ => "waiting for this process's subscriber queues to be declared")];
        }
        var unroutable = new ConcurrentBag<string>();
        var results = await PublishAllAsync(batch, row => (o.Exchange, row.Type, null), unroutable, cancellationToken);
        foreach (var type in unroutable.GroupBy(t => t))
        {
            metrics.Unroutable(type.Key, Name, type.Count());
            // Once per type and process as a warning: a type that nobody subscribes to would otherwise warn on every batch.
            var level = _unroutableTypesLogged.TryAdd(type.Key, true) ? LogLevel.Warning : LogLevel.Debug;
            logger.Log(level, "{Count} {Type} event(s) had no queue bound on {Exchange}, so the broker dropped them: no subscriber of this type " +
                "has declared its queue yet (start the subscribing service before publishing, or replay)", type.Count(), type.Key, o.Exchange);
        }
        return results;
    }

    public async Task ReplayAsync(string subscriber, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        await EnsureQueueExistsAsync(subscriber, cancellationToken);
        var headers = new Dictionary<string, object?> { [RabbitMQTopology.ReplayHeader] = "true" };
        var failures = await PublishAllAsync(events, _ => ("", subscriber, headers), unroutable: null, cancellationToken);
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw new InvalidOperationException($"Replay to '{subscriber}' failed: {failure}");
        }
    }

    private async Task<IReadOnlyList<string?>> PublishAllAsync(
        IReadOnlyList<OutboxMessage> rows,
        Func<OutboxMessage, (string Exchange, string RoutingKey, IDictionary<string, object?>? Headers)> route,
        ConcurrentBag<string>? unroutable,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        IChannel channel;
        try
        {
            channel = await GetChannelAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [.. rows.Select(_ => $"RabbitMQ unavailable: {ex.Message}")];
        }
        var results = await Task.WhenAll(rows.Select(async row =>
        {
            var (exchange, key, headers) = route(row);
            try
            {
                var props = RabbitMQTopology.Properties(row.EventId, row.Type, headers);
                await channel.BasicPublishAsync(exchange, key, mandatory: unroutable is not null, props, Encoding.UTF8.GetBytes(row.Envelope), timeout.Token);
                return null;
            }
            catch (PublishReturnException) when (unroutable is not null)
            {
                unroutable.Add(row.Type);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return $"{ex.GetType().Name}: {ex.Message}";
            }
        }));
        return results;
    }

    private async Task EnsureQueueExistsAsync(string subscriber, CancellationToken ct)
    {
        var conn = await connection.GetAsync(ct);
        await using var probe = await conn.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await probe.QueueDeclarePassiveAsync(subscriber, ct);
        }
        catch (OperationInterruptedException)
        {
            throw new UnknownSubscriberException(subscriber);
        }
    }

    private async Task<IChannel> GetChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true } open) return open;
        await _lock.WaitAsync(ct);
        try
        {
            if (_channel is { IsOpen: true } again) return again;
            var conn = await connection.GetAsync(ct);
            if (_channel is not null && !conn.IsOpen) throw new InvalidOperationException("connection is recovering");
            if (_channel is not null) await _channel.DisposeAsync();
            _channel = await conn.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
            await RabbitMQTopology.DeclareExchangeAsync(_channel, options.Value, ct);
            return _channel;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null) await _channel.DisposeAsync();
        _lock.Dispose();
    }
}
