using System.Text.Json;
using System.Text.Json.Serialization;
using MagicHub.Messaging;

namespace MagicHub.Calls.Pipeline;

/// <summary>A call was accepted and its audio stored; the transcription stage should run.</summary>
[EventType("call.submitted")]
public sealed record CallSubmittedIntegrationEvent(Guid JobId) : IntegrationEvent;

/// <summary>A call's transcript and domain are stored; the analysis stage should run.</summary>
[EventType("transcription.completed")]
public sealed record TranscriptionCompletedIntegrationEvent(Guid JobId, string Domain, string Category) : IntegrationEvent;

/// <summary>A call's extracted data and metrics are stored; the save stage should run.</summary>
[EventType("nlp.postprocessed")]
public sealed record CallPostprocessedIntegrationEvent(Guid JobId) : IntegrationEvent;

/// <summary>A call is stored and searchable: analytics, search and notifications react to it.</summary>
[EventType("call.analyzed")]
public sealed record CallAnalyzedIntegrationEvent(
    Guid JobId, Guid CallId, string FileName, string Domain, string Category, string Sentiment) : IntegrationEvent;

/// <summary>A call reached <c>completed</c> or <c>failed</c>; its callback (if any) is sent.</summary>
[EventType("call.finished")]
public sealed record CallFinishedIntegrationEvent(Guid JobId, string Status) : IntegrationEvent;

/// <summary>Source-generated JSON of the events the calls service publishes and subscribes to (for <c>AddEventJson</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallSubmittedIntegrationEvent))]
[JsonSerializable(typeof(TranscriptionCompletedIntegrationEvent))]
[JsonSerializable(typeof(CallPostprocessedIntegrationEvent))]
[JsonSerializable(typeof(CallAnalyzedIntegrationEvent))]
[JsonSerializable(typeof(CallFinishedIntegrationEvent))]
internal sealed partial class CallsEventsJson : JsonSerializerContext;
