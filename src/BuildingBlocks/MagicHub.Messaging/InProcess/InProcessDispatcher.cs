using MagicHub.Messaging.Delivery;
using MagicHub.Messaging.Persistence;
using MagicHub.ServiceDefaults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging.InProcess;

/// <summary>
/// Runs queued in-process deliveries. The queue row is deleted in the handler's transaction, so a
/// crash before the commit leaves it to run again; after too many failures it becomes a dead letter.
/// </summary>
internal sealed class InProcessDispatcher(
    IMessagingDatabase database,
    SubscriptionRegistry subscriptions,
    SubscriberInvoker invoker,
    InProcessSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<InProcessDispatcher> logger) : BackgroundService
{
    // A sliding window rather than batches: a slow delivery (a long handler, a retry backoff) holds one slot,
    // not the whole round, so later events keep flowing past it.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WhenStartedAsync(stoppingToken))
        {
            return;
        }
        var inFlight = new Dictionary<long, (Task Delivery, string Subscriber)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var done in inFlight.Where(kv => kv.Value.Delivery.IsCompleted).Select(kv => kv.Key).ToList())
            {
                inFlight.Remove(done);
            }
            var free = options.Value.Concurrency - inFlight.Count;
            var started = 0;
            try
            {
                if (free > 0)
                {
                    List<QueuedDelivery> candidates;
                    await using (var connection = await database.OpenAsync(stoppingToken))
                    {
                        // The deliveries running now are still queued (each is deleted in its own commit): skip them.
                        candidates = await DeliveryTable.OldestAsync(connection, 256 + inFlight.Count, stoppingToken);
                    }
                    candidates.RemoveAll(d => inFlight.ContainsKey(d.Id));
                    foreach (var delivery in FairShare(candidates, inFlight.Values.Select(f => f.Subscriber).ToList(), free))
                    {
                        var task = Task.Run(() => DeliverAsync(delivery, stoppingToken).AsTask(), stoppingToken)
                            .ContinueWith(_ => signal.Notify(), TaskScheduler.Default);
                        inFlight[delivery.Id] = (task, delivery.Subscriber);
                        started++;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "In-process dispatch round failed; retrying");
            }
            if (started == 0 || inFlight.Count >= options.Value.Concurrency)
            {
                try { await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        try
        {
            await Task.WhenAll(inFlight.Values.Select(f => f.Delivery));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Picks up to <paramref name="free"/> deliveries, oldest first but always from the subscriber with the fewest
    /// deliveries running, so a subscriber with a long backlog (say, a slow first pipeline stage) cannot starve the others.
    /// </summary>
    internal static IEnumerable<QueuedDelivery> FairShare(IReadOnlyList<QueuedDelivery> candidates, IEnumerable<string> running, int free)
    {
        var load = running.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var queues = candidates.GroupBy(d => d.Subscriber).ToDictionary(g => g.Key, g => new Queue<QueuedDelivery>(g));
        for (var picked = 0; picked < free && queues.Count > 0; picked++)
        {
            var subscriber = queues.Keys.OrderBy(s => load.GetValueOrDefault(s)).ThenBy(s => queues[s].Peek().Id).First();
            var next = queues[subscriber].Dequeue();
            load[subscriber] = load.GetValueOrDefault(subscriber) + 1;
            if (queues[subscriber].Count == 0)
            {
                queues.Remove(subscriber);
            }
            yield return next;
        }
    }

    private async ValueTask DeliverAsync(QueuedDelivery delivery, CancellationToken ct)
    {
        DeliveryResult result;
        var subscription = subscriptions.Find(delivery.Subscriber);
        if (subscription is null)
        {
            result = new(DeliveryOutcome.DeadLettered, 0, $"No subscriber '{delivery.Subscriber}' in this process.");
        }
        else
        {
            try
            {
                var envelope = EventEnvelope.Parse(delivery.Envelope);
                result = await invoker.DeliverAsync(subscription, envelope, delivery.IsReplay,
                    (transaction, token) => DeliveryTable.DeleteAsync(transaction, delivery.Id, token), ct);
            }
            catch (System.Text.Json.JsonException ex)
            {
                result = new(DeliveryOutcome.DeadLettered, 0, $"Unreadable envelope: {ex.Message}");
            }
        }
        if (result.Outcome == DeliveryOutcome.DeadLettered) await DeadLetterAsync(delivery, result, ct);
    }

    private async Task DeadLetterAsync(QueuedDelivery delivery, DeliveryResult result, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await DeadLetterTable.InsertAsync(transaction, delivery.Subscriber, delivery.EventId, delivery.Type, delivery.Envelope,
            result.Reason ?? "unknown", result.Attempts, time.GetUtcNow().UtcDateTime, ct);
        await DeliveryTable.DeleteAsync(transaction, delivery.Id, ct);
        await transaction.CommitAsync(ct);
    }
}
