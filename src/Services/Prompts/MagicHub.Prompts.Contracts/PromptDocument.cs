using System.Text.Json.Serialization;

namespace MagicHub.Prompts.Contracts;

/// <summary>One version of the extraction prompt of a domain/category pair, as served by <c>GET /fetch-prompt</c> and <c>/prompts</c>.</summary>
/// <param name="Domain">Domain identifier.</param>
/// <param name="Category">Category identifier.</param>
/// <param name="Version">1 for the first version; each edit adds one.</param>
/// <param name="IsCurrent">Whether this is the version extraction uses.</param>
/// <param name="Description">What calls of this category are about.</param>
/// <param name="Keywords">Typical words of such calls.</param>
/// <param name="Instructions">Natural-language instructions for the extractor.</param>
/// <param name="Fields">The field schema of <c>domain_specific_data</c>.</param>
/// <param name="Source"><c>seed</c>, <c>generated-offline</c>, <c>generated-llm</c>, <c>edit</c> or <c>revert</c>.</param>
/// <param name="CreatedAt">When this version was stored.</param>
public sealed record PromptDocument(
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("is_current")] bool IsCurrent,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("keywords")] IReadOnlyList<string> Keywords,
    [property: JsonPropertyName("instructions")] string Instructions,
    [property: JsonPropertyName("fields")] IReadOnlyList<PromptField> Fields,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

/// <summary>Body of <c>POST /validate-and-generate</c>.</summary>
public sealed record ValidateAndGenerateRequest(
    [property: JsonPropertyName("domain")] string? Domain,
    [property: JsonPropertyName("category")] string? Category);

/// <summary>Answer of <c>POST /validate-and-generate</c>: <c>is_valid</c> is true for a known pair; otherwise a prompt was generated and stored.</summary>
public sealed record ValidateAndGenerateResponse(
    [property: JsonPropertyName("is_valid")] bool IsValid,
    [property: JsonPropertyName("generated")] bool Generated,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("prompt")] PromptDocument Prompt);

/// <summary>Body of <c>POST /prompts</c> (create a pair) and <c>PUT /prompts/{domain}/{category}</c> (new version).</summary>
public sealed record PromptWriteRequest(
    [property: JsonPropertyName("domain")] string? Domain,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("keywords")] IReadOnlyList<string>? Keywords,
    [property: JsonPropertyName("instructions")] string? Instructions,
    [property: JsonPropertyName("fields")] IReadOnlyList<PromptField>? Fields);
