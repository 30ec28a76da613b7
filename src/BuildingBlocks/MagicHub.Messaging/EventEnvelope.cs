using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagicHub.Messaging;

/// <summary>
/// CloudEvents 1.0 structured-mode envelope around an integration event, with the
/// <c>tenant</c> and <c>traceparent</c> extension attributes.
/// </summary>
public sealed record EventEnvelope
{
    [JsonPropertyName("specversion")] public string SpecVersion { get; init; } = "1.0";
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("time")] public required DateTimeOffset Time { get; init; }
    [JsonPropertyName("datacontenttype")] public string DataContentType { get; init; } = "application/json";
    [JsonPropertyName("tenant")] public string? Tenant { get; init; }
    [JsonPropertyName("traceparent")] public string? TraceParent { get; init; }
    [JsonPropertyName("data")] public required JsonElement Data { get; init; }

    /// <summary>Wraps an event, taking the trace context from the current activity; the payload is written with <paramref name="eventJson"/>.</summary>
    public static EventEnvelope Create(IntegrationEvent evt, string source, EventJson eventJson) => new()
    {
        Id = evt.Id,
        Source = source,
        Type = EventTypes.NameOf(evt.GetType()),
        Time = evt.OccurredAt,
        Tenant = evt.TenantId,
        TraceParent = Activity.Current?.Id,
        Data = JsonSerializer.SerializeToElement(evt, eventJson.TypeInfo(evt.GetType())),
    };

    /// <summary>Reads the payload as the given event record type.</summary>
    public IntegrationEvent ReadData(Type eventType, EventJson eventJson) =>
        (IntegrationEvent)(Data.Deserialize(eventJson.TypeInfo(eventType))
            ?? throw new JsonException($"Event {Id} of type {Type} has no data."));

    /// <summary>Structured-mode JSON of this envelope.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MessagingJsonContext.Default.EventEnvelope);

    /// <summary>Parses structured-mode JSON.</summary>
    public static EventEnvelope Parse(string json) =>
        JsonSerializer.Deserialize(json, MessagingJsonContext.Default.EventEnvelope) ?? throw new JsonException("Empty event envelope.");

    /// <summary>Parses structured-mode JSON from UTF-8 bytes.</summary>
    public static EventEnvelope Parse(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, MessagingJsonContext.Default.EventEnvelope) ?? throw new JsonException("Empty event envelope.");
}
