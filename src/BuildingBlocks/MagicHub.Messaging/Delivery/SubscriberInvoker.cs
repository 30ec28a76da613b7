using System.Data.Common;
using System.Diagnostics;
using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
using MagicHub.Messaging.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging.Delivery;

/// <summary>What happened to one delivery.</summary>
public enum DeliveryOutcome
{
    /// <summary>The handler ran and committed.</summary>
    Handled,
    /// <summary>The inbox already had the event; the handler did not run.</summary>
    Duplicate,
    /// <summary>The handler failed every attempt.</summary>
    DeadLettered,
}

/// <summary>Result of a delivery with the number of attempts and the last failure.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, int Attempts, string? Reason);

/// <summary>
/// Runs a subscriber's handler for one envelope: inbox row, handler and <c>inSameTransaction</c> in one transaction of
/// the service's database, retries with exponential backoff, then gives up. Shared by every transport.
/// </summary>
internal sealed class SubscriberInvoker(
    IServiceScopeFactory scopes,
    IMessagingDatabase database,
    EventJson json,
    EventPublisher publisher,
    MessagingMetrics metrics,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<SubscriberInvoker> logger)
{
    /// <summary>Delivers with retries. <paramref name="inSameTransaction"/> runs in the inbox transaction (e.g. to delete a queue row).</summary>
    public async Task<DeliveryResult> DeliverAsync(
        Subscription subscription,
        EventEnvelope envelope,
        bool replay,
        Func<DbTransaction, CancellationToken, Task>? inSameTransaction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(envelope);
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var duplicate = subscription.Transactional
                    ? await HandleInTransactionAsync(subscription, envelope, replay, inSameTransaction, cancellationToken)
                    : await HandleOutsideTransactionAsync(subscription, envelope, replay, inSameTransaction, cancellationToken);
                if (!duplicate) metrics.Delivered(subscription.Subscriber, envelope.Type);
                return new(duplicate ? DeliveryOutcome.Duplicate : DeliveryOutcome.Handled, attempt, null);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = $"{ex.GetType().FullName}: {ex.GetBaseException().Message}";
                if (attempt > o.MaxRetries)
                {
                    metrics.DeadLettered(subscription.Subscriber, envelope.Type);
                    logger.LogError(ex, "Event {EventId} ({Type}) dead-lettered for {Subscriber} after {Attempts} attempts",
                        envelope.Id, envelope.Type, subscription.Subscriber, attempt);
                    return new(DeliveryOutcome.DeadLettered, attempt, reason);
                }
                metrics.Retried(subscription.Subscriber, envelope.Type);
                logger.LogWarning("Event {EventId} ({Type}) failed in {Subscriber} (attempt {Attempt}): {Reason}",
                    envelope.Id, envelope.Type, subscription.Subscriber, attempt, reason);
                await Task.Delay(Backoff.Exponential(o.RetryBaseDelay, attempt, TimeSpan.FromMinutes(5)), time, cancellationToken);
            }
        }
    }

    // The inbox row goes in first: a second delivery of the event (another consumer, a redelivery) then finds it, or on
    // PostgreSQL waits for this transaction and finds it; a handler failure rolls it back with the handler's work.
    private async Task<bool> HandleInTransactionAsync(
        Subscription subscription, EventEnvelope envelope, bool replay, Func<DbTransaction, CancellationToken, Task>? inSameTransaction, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var first = await InboxTable.TryAddAsync(transaction, subscription.Subscriber, envelope.Id, envelope.Type, time.GetUtcNow().UtcDateTime, ct);
        if (first || replay)
        {
            await InvokeAsync(subscription, envelope, new DeliveryContext(transaction), ct);
        }
        if (inSameTransaction is not null) await inSameTransaction(transaction, ct);
        await transaction.CommitAsync(ct);
        publisher.Committed(transaction);
        return !first && !replay;
    }

    private async Task<bool> HandleOutsideTransactionAsync(
        Subscription subscription, EventEnvelope envelope, bool replay, Func<DbTransaction, CancellationToken, Task>? inSameTransaction, CancellationToken ct)
    {
        bool seen;
        await using (var check = await database.OpenAsync(ct))
        {
            seen = await InboxTable.ContainsAsync(check, subscription.Subscriber, envelope.Id, ct);
        }
        if (!seen || replay)
        {
            await InvokeAsync(subscription, envelope, new DeliveryContext(null), ct);
        }
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await InboxTable.TryAddAsync(transaction, subscription.Subscriber, envelope.Id, envelope.Type, time.GetUtcNow().UtcDateTime, ct);
        if (inSameTransaction is not null) await inSameTransaction(transaction, ct);
        await transaction.CommitAsync(ct);
        return seen && !replay;
    }

    private async Task InvokeAsync(Subscription subscription, EventEnvelope envelope, DeliveryContext context, CancellationToken ct)
    {
        var evt = envelope.ReadData(subscription.EventType, json.Options);
        await using var scope = scopes.CreateAsyncScope();
        using var activity = MessagingMetrics.ActivitySource.StartActivity($"{envelope.Type} process", ActivityKind.Consumer, envelope.TraceParent);
        activity?.SetTag("messaging.destination.subscription.name", subscription.Subscriber);
        activity?.SetTag("messaging.message.id", envelope.Id.ToString());
        await subscription.Invoke(scope.ServiceProvider, evt, context, ct);
    }
}
