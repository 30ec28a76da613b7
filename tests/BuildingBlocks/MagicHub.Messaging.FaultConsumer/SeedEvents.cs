using MagicHub.Messaging;

namespace MagicHub.Messaging.Samples;

// The seed pipeline's events, defined here until each owning service takes its contract
// (media: recording.ingested, transcription: transcription.completed, nlp: nlp.postprocessed, calls: call.analyzed).

/// <summary>media stored a recording (claim check: a URI, never the bytes).</summary>
[EventType("recording.ingested")]
public sealed record RecordingIngestedIntegrationEvent(Guid RecordingId, string MediaUri, string ContentType, long SizeBytes) : IntegrationEvent;

/// <summary>transcription produced timestamped, speaker-labelled segments.</summary>
[EventType("transcription.completed")]
public sealed record TranscriptionCompletedIntegrationEvent(Guid RecordingId, string Transcript, string Language, string? Domain, string? Category, int Tokens) : IntegrationEvent;

/// <summary>nlp normalized and redacted the transcript.</summary>
[EventType("nlp.postprocessed")]
public sealed record NlpPostprocessedIntegrationEvent(Guid RecordingId, string Text, string Language, int RedactedEntities) : IntegrationEvent;

/// <summary>calls stored the analysis of a call.</summary>
[EventType("call.analyzed")]
public sealed record CallAnalyzedIntegrationEvent(Guid CallId, Guid RecordingId, string Domain, string Category, string? Sentiment, string? Summary, int TotalTokens) : IntegrationEvent;
