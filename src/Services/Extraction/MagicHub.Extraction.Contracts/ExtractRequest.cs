using System.Text.Json.Serialization;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Extraction.Contracts;

/// <summary>Body of <c>POST /extract</c>: a transcript (plain text or timed segments) and the call's domain/category.</summary>
/// <param name="Transcription">Transcript text, either plain or the seed's <c>[mm:ss-mm:ss] Speaker: text</c> lines.</param>
/// <param name="Segments">Timed, speaker-labelled segments; preferred over <paramref name="Transcription"/> when both are given.</param>
/// <param name="Domain">Business domain, e.g. <c>banking</c>.</param>
/// <param name="Category">Call category within the domain, e.g. <c>card_replacement</c>.</param>
/// <param name="CustomPrompt">Optional prompt that replaces the stored one (instructions and field schema).</param>
public sealed record ExtractRequest(
    [property: JsonPropertyName("transcription")] string? Transcription,
    [property: JsonPropertyName("segments")] IReadOnlyList<TranscriptSegment>? Segments,
    [property: JsonPropertyName("domain")] string? Domain,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("custom_prompt")] CustomPrompt? CustomPrompt = null);

/// <summary>One timed utterance of one speaker.</summary>
public sealed record TranscriptSegment(
    [property: JsonPropertyName("speaker")] string Speaker,
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A caller-supplied prompt: instructions and, optionally, the field schema to fill.</summary>
public sealed record CustomPrompt(
    [property: JsonPropertyName("instructions")] string? Instructions,
    [property: JsonPropertyName("fields")] IReadOnlyList<PromptField>? Fields);
