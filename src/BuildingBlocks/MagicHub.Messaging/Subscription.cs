using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging;

/// <summary>One handler subscribed to one event type under a subscriber name (its queue).</summary>
public sealed record Subscription(string Subscriber, string EventTypeName, Type EventType, Type HandlerType)
{
    internal Func<IServiceProvider, IntegrationEvent, DeliveryContext, CancellationToken, Task> Invoke { get; init; } = (_, _, _, _) => Task.CompletedTask;

    /// <summary>
    /// Whether the handler runs inside the inbox transaction (the default: exactly once by construction).
    /// Handlers that make long calls to other services opt out, so no database lock is held meanwhile; they must
    /// then be idempotent themselves, because a crash after their work and before the inbox commit redelivers.
    /// </summary>
    public bool Transactional { get; init; } = true;

    internal static Subscription Create<TEvent, THandler>(string subscriber, bool transactional = true)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent> =>
        new(subscriber, EventTypes.NameOf<TEvent>(), typeof(TEvent), typeof(THandler))
        {
            Transactional = transactional,
            Invoke = (sp, evt, context, ct) => sp.GetRequiredService<THandler>().HandleAsync((TEvent)evt, context, ct),
        };
}

/// <summary>A subscription as registered (its event type checked against the event JSON at start), named once the service name is known.</summary>
internal sealed record SubscriptionRegistration(Type EventType, Func<string, Subscription> Build);

/// <summary>The subscriptions of this process.</summary>
public sealed class SubscriptionRegistry
{
    internal SubscriptionRegistry(IEnumerable<SubscriptionRegistration> registrations, IOptions<MessagingOptions> options)
    {
        All = [.. registrations.Select(r => r.Build(options.Value.ServiceName))];
        var duplicate = All.GroupBy(s => s.Subscriber).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Subscriber '{duplicate.Key}' is registered twice; pass a distinct name to AddSubscription.");
        }
    }

    /// <summary>All subscriptions.</summary>
    public IReadOnlyList<Subscription> All { get; }

    /// <summary>Subscriptions to one event type.</summary>
    public IEnumerable<Subscription> For(string eventTypeName) => All.Where(s => s.EventTypeName == eventTypeName);

    /// <summary>The subscription with this subscriber name, if this process has it.</summary>
    public Subscription? Find(string subscriber) => All.FirstOrDefault(s => s.Subscriber == subscriber);
}
