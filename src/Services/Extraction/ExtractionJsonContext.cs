using System.Text.Json;
using System.Text.Json.Serialization;
using MagicHub.Extraction.Contracts;

namespace MagicHub.Extraction;

/// <summary>
/// Source-generated JSON of what the extraction API reads and writes (web defaults, as minimal APIs use; wire names come
/// from the contracts' <see cref="JsonPropertyNameAttribute"/>s): no reflection, so the service can be published Native AOT.
/// The prompts contracts have their own context, <see cref="MagicHub.Prompts.Contracts.PromptsJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ExtractRequest))]
[JsonSerializable(typeof(ExtractResponse))]
internal sealed partial class ExtractionJsonContext : JsonSerializerContext;
