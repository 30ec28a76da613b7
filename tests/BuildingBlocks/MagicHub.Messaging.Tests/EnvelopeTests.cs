using System.Text.Json;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Tests.Infrastructure;
using MagicHub.Messaging.Samples;
using MagicHub.Messaging.Serialization;

namespace MagicHub.Messaging.Tests;

public sealed class EnvelopeTests
{
    // The sample context has default (PascalCase) options of its own: payloads still get web defaults.
    private static readonly System.Text.Json.JsonSerializerOptions EventJson =
        new EventJson([new EventJsonResolver(SampleEventsJson.Default)], reflection: false).Options;

    [Fact]
    public void Envelope_round_trips_as_CloudEvents_structured_json()
    {
        var evt = new RecordingIngestedIntegrationEvent(Guid.NewGuid(), "media://r/1", "audio/wav", 10) { TenantId = "acme" };

        var json = EventEnvelope.Create(evt, "/media", EventJson).ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal(evt.Id, root.GetProperty("id").GetGuid());
        Assert.Equal("/media", root.GetProperty("source").GetString());
        Assert.Equal("recording.ingested.v1", root.GetProperty("type").GetString());
        Assert.Equal("acme", root.GetProperty("tenant").GetString());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal("media://r/1", root.GetProperty("data").GetProperty("mediaUri").GetString());
        var back = (RecordingIngestedIntegrationEvent)EventEnvelope.Parse(json).ReadData(typeof(RecordingIngestedIntegrationEvent), EventJson);
        Assert.Equal(evt, back);
    }

    [Fact]
    public void Event_type_that_no_event_JSON_resolver_knows_cannot_be_published_or_read()
    {
        var evt = new VersionedEvent();
        var error = Assert.Throws<InvalidOperationException>(() => EventEnvelope.Create(evt, "/media", EventJson));
        Assert.Contains(typeof(VersionedEvent).FullName!, error.Message);
        Assert.Contains("AddEventJson", error.Message);
        var envelope = EventEnvelope.Create(TestApp.Ingested(), "/media", EventJson);
        Assert.Throws<InvalidOperationException>(() => envelope.ReadData(typeof(VersionedEvent), EventJson));
    }

    [Fact]
    public void Envelope_carries_the_current_trace_context()
    {
        using var activity = new System.Diagnostics.Activity("test").Start();
        var envelope = EventEnvelope.Create(new CallAnalyzedIntegrationEvent(Guid.NewGuid(), Guid.NewGuid(), "d", "c", null, null, 1), "/calls", EventJson);
        Assert.Equal(activity.Id, envelope.TraceParent);
        Assert.StartsWith("00-", envelope.TraceParent);
    }

    [Fact]
    public void Event_without_an_EventType_attribute_cannot_be_published()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventTypes.NameOf<UnnamedEvent>());
        Assert.Contains("EventType", error.Message);
    }

    [Fact]
    public void Version_is_part_of_the_wire_type() =>
        Assert.Equal("thing.happened.v3", EventTypes.NameOf<VersionedEvent>());

    [Fact]
    public void Backoff_doubles_from_the_base_and_stops_at_the_cap()
    {
        var delays = Enumerable.Range(1, 6).Select(a => Backoff.Exponential(TimeSpan.FromMilliseconds(100), a, TimeSpan.FromSeconds(1)).TotalMilliseconds);
        Assert.Equal([100, 200, 400, 800, 1000, 1000], delays);
    }

    private sealed record UnnamedEvent : IntegrationEvent;

    [EventType("thing.happened", 3)]
    private sealed record VersionedEvent : IntegrationEvent;
}
