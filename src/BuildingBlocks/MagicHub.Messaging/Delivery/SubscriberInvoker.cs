using System.Diagnostics;
using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
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
/// Runs a subscriber's handler for one envelope: inbox check, handler and inbox row in one
/// transaction of the service's DbContext, retries with exponential backoff, then gives up.
/// Shared by every transport.
/// </summary>
public sealed class SubscriberInvoker(
    IServiceScopeFactory scopes,
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
        Func<DbContext, CancellationToken, Task>? inSameTransaction,
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
                var cause = ex is HandlerFailedException failed ? failed.InnerException! : ex;
                var reason = $"{cause.GetType().FullName}: {cause.GetBaseException().Message}";
                if (attempt > o.MaxRetries)
                {
                    metrics.DeadLettered(subscription.Subscriber, envelope.Type);
                    logger.LogError(cause, "Event {EventId} ({Type}) dead-lettered for {Subscriber} after {Attempts} attempts",
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
        Func<DbContext, CancellationToken, Task>? inSameTransaction, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDb>().Context;
        if (!subscription.Transactional)
        {
            return await HandleOutsideTransactionAsync(scope.ServiceProvider, db, subscription, envelope, replay, inSameTransaction, ct);
        }
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var seen = await db.Set<InboxMessage>()
                .AnyAsync(i => i.Subscriber == subscription.Subscriber && i.EventId == envelope.Id, token);
            if (seen && !replay)
            {
                if (inSameTransaction is not null) await inSameTransaction(db, token);
                await tx.CommitAsync(token);
                return true;
            }

            var evt = envelope.ReadData(subscription.EventType);
            using (var activity = MessagingMetrics.ActivitySource.StartActivity($"{envelope.Type} process", ActivityKind.Consumer, envelope.TraceParent))
            {
                activity?.SetTag("messaging.destination.subscription.name", subscription.Subscriber);
                activity?.SetTag("messaging.message.id", envelope.Id.ToString());
                try
                {
                    await subscription.Invoke(scope.ServiceProvider, evt, token);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // Keep handler failures away from the database execution strategy (which would retry
                    // e.g. a TimeoutException itself): our retries, backoff and metrics apply to them.
                    throw new HandlerFailedException(ex);
                }
            }
            if (!seen)
            {
                db.Add(new InboxMessage
                {
                    Subscriber = subscription.Subscriber,
                    EventId = envelope.Id,
                    Type = envelope.Type,
                    HandledAt = time.GetUtcNow().UtcDateTime,
                });
            }
            await db.SaveChangesAsync(token);
            if (inSameTransaction is not null) await inSameTransaction(db, token);
            await tx.CommitAsync(token);
            return false;
        }, ct);
    }

    private async Task<bool> HandleOutsideTransactionAsync(
        IServiceProvider services, DbContext db, Subscription subscription, EventEnvelope envelope, bool replay,
        Func<DbContext, CancellationToken, Task>? inSameTransaction, CancellationToken ct)
    {
        var seen = await db.Set<InboxMessage>().AnyAsync(i => i.Subscriber == subscription.Subscriber && i.EventId == envelope.Id, ct);
        if (!seen || replay)
        {
            var evt = envelope.ReadData(subscription.EventType);
            using var activity = MessagingMetrics.ActivitySource.StartActivity($"{envelope.Type} process", ActivityKind.Consumer, envelope.TraceParent);
            activity?.SetTag("messaging.destination.subscription.name", subscription.Subscriber);
            activity?.SetTag("messaging.message.id", envelope.Id.ToString());
            await subscription.Invoke(services, evt, ct);
        }
        db.ChangeTracker.Clear();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(token);
            if (!seen && !await db.Set<InboxMessage>().AnyAsync(i => i.Subscriber == subscription.Subscriber && i.EventId == envelope.Id, token))
            {
                db.Add(new InboxMessage
                {
                    Subscriber = subscription.Subscriber,
                    EventId = envelope.Id,
                    Type = envelope.Type,
                    HandledAt = time.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(token);
            }
            if (inSameTransaction is not null) await inSameTransaction(db, token);
            await tx.CommitAsync(token);
        }, ct);
        return seen && !replay;
    }
}

/// <summary>Wraps an exception thrown by a handler so database execution strategies do not retry it.</summary>
internal sealed class HandlerFailedException(Exception inner) : Exception(inner.Message, inner);
