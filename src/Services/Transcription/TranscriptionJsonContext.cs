using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MagicHub.Transcription.Transcribe;

namespace MagicHub.Transcription;

/// <summary>
/// Source-generated JSON of what the transcription API reads and writes and of the Gemini request body (web defaults,
/// as minimal APIs and <c>System.Net.Http.Json</c> use; wire names come from the contracts' <see cref="JsonPropertyNameAttribute"/>s):
/// no reflection, so the service can be published Native AOT. The prompts and media contracts have their own contexts.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TranscribeJsonRequest))]
[JsonSerializable(typeof(TranscriptionResponse))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TranscriptionJsonContext : JsonSerializerContext;
