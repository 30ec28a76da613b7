using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MagicHub.AI.Gemini;

/// <summary>Source-generated JSON of the Gemini request and answer bodies (web defaults, as <c>System.Net.Http.Json</c> uses): no reflection, so the client works in Native AOT services.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
