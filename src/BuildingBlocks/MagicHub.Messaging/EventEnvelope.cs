using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using MagicHub.Messaging.Serialization;

namespace MagicHub.Messaging;

/// <summary>
/// CloudEvents 1.0 structured-mode envelope around an integration event, with the
/// <c>tenant</c> and <c>traceparent</c> extension attributes.
/// </summary>
public sealed record EventEnvelope
{
    /// <summary>CloudEvents spec version, <c>1.0</c>.</summary>
    [JsonPropertyName("specversion")] public string SpecVersion { get; init; } = "1.0";

    /// <summary>The event id (<see cref="IntegrationEvent.Id"/>).</summary>
    [JsonPropertyName("id")] public required Guid Id { get; init; }

    /// <summary>The publishing service, <c>/{ServiceName}</c>.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>The wire type, e.g. <c>recording.ingested.v1</c>.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>When the fact happened.</summary>
    [JsonPropertyName("time")] public required DateTimeOffset Time { get; init; }

    /// <summary>Always <c>application/json</c>.</summary>
    [JsonPropertyName("datacontenttype")] public string DataContentType { get; init; } = "application/json";

    /// <summary>The tenant, when the event belongs to one.</summary>
    [JsonPropertyName("tenant")] public string? Tenant { get; init; }

    /// <summary>W3C trace context of the publishing activity.</summary>
    [JsonPropertyName("traceparent")] public string? TraceParent { get; init; }

    /// <summary>The event record as JSON.</summary>
    [JsonPropertyName("data")] public required JsonElement Data { get; init; }

    /// <summary>Wraps an event, taking the trace context from the current activity.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="source">The CloudEvents source, <c>/{ServiceName}</c>.</param>
    /// <param name="eventJson">Options whose resolvers know the event's runtime type (the messaging event JSON).</param>
    /// <exception cref="InvalidOperationException">No resolver of <paramref name="eventJson"/> knows the event's type.</exception>
    public static EventEnvelope Create(IntegrationEvent evt, string source, JsonSerializerOptions eventJson)
    {
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(eventJson);
        var type = evt.GetType();
        return new()
        {
            Id = evt.Id,
            Source = source,
            Type = EventTypes.NameOf(type),
            Time = evt.OccurredAt,
            Tenant = evt.TenantId,
            TraceParent = Activity.Current?.Id,
            Data = JsonSerializer.SerializeToElement(evt, TypeInfo(eventJson, type)),
        };
    }

    /// <summary>Reads the payload as the given event record type.</summary>
    /// <exception cref="InvalidOperationException">No resolver of <paramref name="eventJson"/> knows <paramref name="eventType"/>.</exception>
    public IntegrationEvent ReadData(Type eventType, JsonSerializerOptions eventJson) =>
        (IntegrationEvent)(Data.Deserialize(TypeInfo(eventJson, eventType))
            ?? throw new JsonException($"Event {Id} of type {Type} has no data."));

    /// <summary>Structured-mode JSON of this envelope.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MessagingJsonContext.Default.EventEnvelope);

    /// <summary>Parses structured-mode JSON.</summary>
    public static EventEnvelope Parse(string json) =>
        JsonSerializer.Deserialize(json, MessagingJsonContext.Default.EventEnvelope) ?? throw new JsonException("Empty event envelope.");

    /// <summary>Parses structured-mode JSON from UTF-8 bytes.</summary>
    public static EventEnvelope Parse(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, MessagingJsonContext.Default.EventEnvelope) ?? throw new JsonException("Empty event envelope.");

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo TypeInfo(JsonSerializerOptions options, Type eventType) =>
        options.TryGetTypeInfo(eventType, out var info) ? info : throw new InvalidOperationException(EventJson.Unknown(eventType));
}
