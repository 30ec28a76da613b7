using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MagicHub.Messaging.Serialization;

/// <summary>
/// The JSON of event payloads: web defaults, resolved by the <see cref="IJsonTypeInfoResolver"/>s given to
/// <see cref="MessagingBuilder.AddEventJson"/> (source-generated contexts, so Native AOT needs no reflection), then by
/// reflection where the runtime allows it (JIT, tests).
/// </summary>
internal sealed class EventJson
{
    public EventJson(IEnumerable<EventJsonResolver> resolvers)
        : this(resolvers, JsonSerializer.IsReflectionEnabledByDefault)
    {
    }

    /// <summary>With <paramref name="reflection"/> false, as in Native AOT (tests check the resolvers cover their events).</summary>
    internal EventJson(IEnumerable<EventJsonResolver> resolvers, bool reflection)
    {
        var chain = resolvers.Select(r => r.Resolver).ToList();
        if (reflection && JsonSerializer.IsReflectionEnabledByDefault)
        {
            chain.Add(ReflectionResolver());
        }
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = JsonTypeInfoResolver.Combine([.. chain]) };
        Options.MakeReadOnly();
    }

    /// <summary>The options every payload is written and read with.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Whether some resolver knows <paramref name="eventType"/>.</summary>
    public bool Knows(Type eventType) => Options.TryGetTypeInfo(eventType, out _);

    // Reached only where reflection-based JSON is enabled: trimmed and Native AOT builds turn the feature switch off
    // (JsonSerializerIsReflectionEnabledByDefault=false), and the linker removes the branch that calls this.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only called when JsonSerializer.IsReflectionEnabledByDefault.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only called when JsonSerializer.IsReflectionEnabledByDefault.")]
    private static IJsonTypeInfoResolver ReflectionResolver() => JsonSerializerOptions.Default.TypeInfoResolver!;

    /// <summary>The error for an event type no resolver knows.</summary>
    public static string Unknown(Type eventType) =>
        $"No event JSON metadata for {eventType.FullName}: add a JsonSerializerContext with [JsonSerializable(typeof({eventType.Name}))] " +
        "and register it with AddMessaging(...).AddEventJson(YourEventsJson.Default).";
}

/// <summary>One resolver given to <see cref="MessagingBuilder.AddEventJson"/>.</summary>
internal sealed record EventJsonResolver(IJsonTypeInfoResolver Resolver);
