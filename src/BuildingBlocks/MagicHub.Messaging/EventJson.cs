using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MagicHub.Messaging;

/// <summary>
/// How event payloads are written and read: JSON web defaults (camelCase) with the contracts given to
/// <see cref="MessagingBuilder.AddEventJson"/> (source-generated, as Native AOT needs), then reflection where the runtime
/// allows it (JIT builds, tests).
/// </summary>
public sealed class EventJson
{
    /// <summary>Payload JSON with only reflection (JIT builds and tests without source-generated contracts).</summary>
    public static EventJson Reflection { get; } = new([]);

    /// <summary>Builds the payload options from <paramref name="resolvers"/>, in order.</summary>
    public EventJson(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var resolver in resolvers)
        {
            Options.TypeInfoResolverChain.Add(resolver);
        }
        if (ReflectionResolver() is { } reflection)
        {
            Options.TypeInfoResolverChain.Add(reflection);
        }
        Options.MakeReadOnly();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only where the runtime allows reflection-based JSON, which a trimmed or Native AOT build does not.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only where the runtime allows reflection-based JSON, which a trimmed or Native AOT build does not.")]
    private static DefaultJsonTypeInfoResolver? ReflectionResolver() =>
        JsonSerializer.IsReflectionEnabledByDefault ? new DefaultJsonTypeInfoResolver() : null;

    /// <summary>The payload serializer options.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>The JSON contract of <paramref name="eventType"/>.</summary>
    /// <exception cref="InvalidOperationException">No resolver knows the type.</exception>
    public JsonTypeInfo TypeInfo(Type eventType)
    {
        try
        {
            return Options.GetTypeInfo(eventType);
        }
        catch (NotSupportedException ex)
        {
            throw new InvalidOperationException(
                $"No JSON contract for event {eventType.Name}: add a JsonSerializerContext that includes it with AddMessaging<…>().AddEventJson(…).", ex);
        }
    }
}

/// <summary>A JSON contract resolver for event payloads, registered by <see cref="MessagingBuilder.AddEventJson"/>.</summary>
internal sealed record EventJsonResolver(IJsonTypeInfoResolver Resolver);
