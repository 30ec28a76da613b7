using System.Text.Json.Serialization;

namespace MagicHub.Messaging.Samples;

/// <summary>Source-generated JSON of the sample events (given to AddEventJson).</summary>
[JsonSerializable(typeof(RecordingIngestedIntegrationEvent))]
[JsonSerializable(typeof(TranscriptionCompletedIntegrationEvent))]
[JsonSerializable(typeof(NlpPostprocessedIntegrationEvent))]
[JsonSerializable(typeof(CallAnalyzedIntegrationEvent))]
public sealed partial class SampleEventsJson : JsonSerializerContext;
