using System.Collections.Concurrent;
using System.Reflection;

namespace MagicHub.Messaging;

/// <summary>Maps event records to their CloudEvents type names.</summary>
public static class EventTypes
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    /// <summary>The wire type of <typeparamref name="TEvent"/>, e.g. <c>recording.ingested.v1</c>.</summary>
    public static string NameOf<TEvent>() where TEvent : IntegrationEvent => NameOf(typeof(TEvent));

    /// <summary>The wire type of an event record type.</summary>
    /// <exception cref="InvalidOperationException">The type has no <see cref="EventTypeAttribute"/>.</exception>
    public static string NameOf(Type eventType) => Names.GetOrAdd(eventType, static t =>
        t.GetCustomAttribute<EventTypeAttribute>()?.TypeName
        ?? throw new InvalidOperationException($"{t.Name} needs [EventType(\"name\", version)] to be published or subscribed."));
}
