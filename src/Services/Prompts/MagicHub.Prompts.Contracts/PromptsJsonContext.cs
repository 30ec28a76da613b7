using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagicHub.Prompts.Contracts;

/// <summary>
/// Source-generated JSON of the prompts contracts (web defaults, as minimal APIs and <c>System.Net.Http.Json</c> use; the
/// wire names come from each property's <see cref="JsonPropertyNameAttribute"/>): no reflection, so the built-in data
/// loads and the contracts serialize in trimmed and Native AOT services.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PromptDocument))]
[JsonSerializable(typeof(DomainCatalog))]
[JsonSerializable(typeof(ValidateAndGenerateRequest))]
[JsonSerializable(typeof(ValidateAndGenerateResponse))]
[JsonSerializable(typeof(PromptWriteRequest))]
[JsonSerializable(typeof(IReadOnlyList<PromptField>))]
[JsonSerializable(typeof(IReadOnlyList<PromptDocument>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, IReadOnlyList<PromptField>>))]
public sealed partial class PromptsJsonContext : JsonSerializerContext;
