using System.Data.Common;
using System.Diagnostics;
using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
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
/// Runs a subscriber's handler for one envelope: inbox row, handler and the caller's own step in one transaction of the
/// service's database, retries with exponential backoff, then gives up. Shared by every transport.
/// </summary>
public sealed class SubscriberInvoker(
    IServiceScopeFactory scopes,
    MessagingStore store,
    EventJson eventJson,
    OutboxSignal outbox,
    MessagingMetrics metrics,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<SubscriberInvoker> logger)
{
    /// <summary>Delivers with retries. <paramref name="inSameTransaction"/> runs in the handler's transaction (e.g. to delete a queue row).</summary>
    public async Task<DeliveryResult> DeliverAsync(
        Subscription subscription,
        EventEnvelope envelope,
        bool replay,
        Func<DbTransaction, CancellationToken, Task>? inSameTransaction,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var duplicate = await HandleOnceAsync(subscription, envelope, replay, inSameTransaction, cancellationToken);
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

    private async Task<bool> HandleOnceAsync(
        Subscription subscription, EventEnvelope envelope, bool replay,
        Func<DbTransaction, CancellationToken, Task>? inSameTransaction, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var connection = await store.OpenAsync(ct);
        if (!subscription.Transactional)
        {
            return await HandleOutsideTransactionAsync(scope.ServiceProvider, connection, subscription, envelope, replay, inSameTransaction, ct);
        }
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The inbox row first: on PostgreSQL a second delivery of the same event waits here for the first one's commit
        // and then finds the row, so two deliveries at once cannot both run the handler.
        var seen = !await MessagingSql.TryAddInboxAsync(tx, subscription.Subscriber, envelope.Id, envelope.Type, time.GetUtcNow().UtcDateTime, ct);
        if (!seen || replay)
        {
            await InvokeAsync(scope.ServiceProvider, subscription, envelope, new DeliveryContext(tx, replay), ct);
        }
        if (inSameTransaction is not null) await inSameTransaction(tx, ct);
        await tx.CommitAsync(ct);
        // The handler may have published in the transaction: let the relay look now rather than at its next poll.
        outbox.Notify();
        return seen && !replay;
    }

    private async Task<bool> HandleOutsideTransactionAsync(
        IServiceProvider services, DbConnection connection, Subscription subscription, EventEnvelope envelope, bool replay,
        Func<DbTransaction, CancellationToken, Task>? inSameTransaction, CancellationToken ct)
    {
        var seen = await MessagingSql.InInboxAsync(connection, subscription.Subscriber, envelope.Id, ct);
        if (!seen || replay)
        {
            await InvokeAsync(services, subscription, envelope, new DeliveryContext(null, replay), ct);
        }
        await using var tx = await connection.BeginTransactionAsync(ct);
        await MessagingSql.TryAddInboxAsync(tx, subscription.Subscriber, envelope.Id, envelope.Type, time.GetUtcNow().UtcDateTime, ct);
        if (inSameTransaction is not null) await inSameTransaction(tx, ct);
        await tx.CommitAsync(ct);
        return seen && !replay;
    }

    private async Task InvokeAsync(IServiceProvider services, Subscription subscription, EventEnvelope envelope, DeliveryContext context, CancellationToken ct)
    {
        var evt = envelope.ReadData(subscription.EventType, eventJson);
        using var activity = MessagingMetrics.ActivitySource.StartActivity($"{envelope.Type} process", ActivityKind.Consumer, envelope.TraceParent);
        activity?.SetTag("messaging.destination.subscription.name", subscription.Subscriber);
        activity?.SetTag("messaging.message.id", envelope.Id.ToString());
        await subscription.Invoke(services, evt, context, ct);
    }
}
