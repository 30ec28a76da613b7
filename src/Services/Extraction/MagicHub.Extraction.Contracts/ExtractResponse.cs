using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MagicHub.Extraction.Contracts;

/// <summary>Result of <c>POST /extract</c>.</summary>
/// <param name="DomainSpecificData">Values of the prompt's schema fields, typed and normalized (null when not found).</param>
/// <param name="GeneralMetrics">The six general sections.</param>
/// <param name="TokensCombined"><c>[input, output]</c> tokens used by the language model; zeros for the offline engine.</param>
/// <param name="Engine">Engine that produced the result (<c>offline</c>, <c>openai</c>, <c>gemini</c>).</param>
/// <param name="PromptVersion">Version of the stored prompt used; 0 for a custom or built-in fallback prompt.</param>
/// <param name="Validation">Schema problems found in the values (missing required fields, coerced types).</param>
public sealed record ExtractResponse(
    [property: JsonPropertyName("domain_specific_data")] JsonObject DomainSpecificData,
    [property: JsonPropertyName("general_metrics")] GeneralMetrics GeneralMetrics,
    [property: JsonPropertyName("tokens_combined")] IReadOnlyList<long> TokensCombined,
    [property: JsonPropertyName("engine")] string Engine,
    [property: JsonPropertyName("prompt_version")] int PromptVersion,
    [property: JsonPropertyName("validation")] IReadOnlyList<string> Validation);

/// <summary>The seed's six general sections.</summary>
public sealed record GeneralMetrics(
    [property: JsonPropertyName("names")] NamesSection Names,
    [property: JsonPropertyName("call_direction")] CallDirectionSection CallDirection,
    [property: JsonPropertyName("sentiment_intent")] SentimentIntentSection SentimentIntent,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("agent_metrics")] AgentMetricsSection AgentMetrics,
    [property: JsonPropertyName("pii")] IReadOnlyList<PiiDetection> Pii);

/// <summary>1. People: the agent, the customer and others mentioned.</summary>
public sealed record NamesSection(
    [property: JsonPropertyName("agent")] string? Agent,
    [property: JsonPropertyName("customer")] string? Customer,
    [property: JsonPropertyName("others")] IReadOnlyList<string> Others);

/// <summary>2. Who called whom and what kind of interaction it was.</summary>
public sealed record CallDirectionSection(
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("interaction_type")] string InteractionType,
    [property: JsonPropertyName("confidence")] double Confidence);

/// <summary>A sentiment label with its compound score in [-1, 1].</summary>
public sealed record SentimentScore(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("score")] double Score);

/// <summary>3. Sentiment overall, per speaker and from start to end, plus the caller's intent.</summary>
public sealed record SentimentIntentSection(
    [property: JsonPropertyName("overall")] SentimentScore Overall,
    [property: JsonPropertyName("per_speaker")] IReadOnlyDictionary<string, SentimentScore> PerSpeaker,
    [property: JsonPropertyName("start")] SentimentScore Start,
    [property: JsonPropertyName("end")] SentimentScore End,
    [property: JsonPropertyName("trend")] string Trend,
    [property: JsonPropertyName("intent")] string Intent,
    [property: JsonPropertyName("intent_confidence")] double IntentConfidence,
    [property: JsonPropertyName("intent_keywords")] IReadOnlyList<string> IntentKeywords);

/// <summary>5. Coaching metrics for the agent.</summary>
public sealed record AgentMetricsSection(
    [property: JsonPropertyName("agent_talk_ratio")] double AgentTalkRatio,
    [property: JsonPropertyName("longest_monologue_s")] double LongestMonologueSeconds,
    [property: JsonPropertyName("longest_monologue_speaker")] string? LongestMonologueSpeaker,
    [property: JsonPropertyName("interruptions")] int Interruptions,
    [property: JsonPropertyName("silence_s")] double SilenceSeconds,
    [property: JsonPropertyName("long_silences")] int LongSilences,
    [property: JsonPropertyName("questions_asked")] int QuestionsAsked,
    [property: JsonPropertyName("greeting_present")] bool GreetingPresent,
    [property: JsonPropertyName("empathy_present")] bool EmpathyPresent,
    [property: JsonPropertyName("closing_present")] bool ClosingPresent,
    [property: JsonPropertyName("suggestions")] IReadOnlyList<string> Suggestions);

/// <summary>6. A PCI/PII finding; the value is always redacted.</summary>
public sealed record PiiDetection(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value_redacted")] string ValueRedacted,
    [property: JsonPropertyName("segment")] int Segment,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("confidence")] double Confidence);
