using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MagicHub.Calls.Calls;
using MagicHub.Calls.Pipeline;
using MagicHub.Extraction.Contracts;

namespace MagicHub.Calls;

/// <summary>
/// Source-generated JSON of what the calls service reads and writes over HTTP (its API, the callbacks, its requests to
/// extraction) with web defaults, as minimal APIs use; wire names come from the records' <see cref="JsonPropertyNameAttribute"/>s.
/// No reflection, so the service can be published Native AOT.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SaveCallRequest))]
[JsonSerializable(typeof(SaveCallResponse))]
[JsonSerializable(typeof(CallResponse))]
[JsonSerializable(typeof(IAsyncEnumerable<CallResponse>))]
[JsonSerializable(typeof(CallStats))]
[JsonSerializable(typeof(CallPage))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(List<JobView>))]
[JsonSerializable(typeof(SubmissionResponse))]
[JsonSerializable(typeof(ExtractRequest))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
// Problem details extensions (job_id).
[JsonSerializable(typeof(Guid))]
internal sealed partial class CallsJsonContext : JsonSerializerContext;

/// <summary>
/// Metadata of <see cref="IFormFile"/> for OpenAPI, which describes the multipart uploads (<c>Accepts&lt;IFormFile&gt;</c>)
/// as binary strings by their type: without reflection (Native AOT) it needs the type's JSON metadata, though no
/// <see cref="IFormFile"/> is ever serialized.
/// </summary>
internal sealed class FormFileSchemaResolver : IJsonTypeInfoResolver
{
    /// <summary>The resolver.</summary>
    public static readonly FormFileSchemaResolver Instance = new();

    /// <inheritdoc />
    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        type == typeof(IFormFile) ? JsonMetadataServices.CreateValueInfo<IFormFile>(options, new NotSerialized()) : null;

    private sealed class NotSerialized : JsonConverter<IFormFile>
    {
        public override IFormFile Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Files come as multipart/form-data, not JSON.");

        public override void Write(Utf8JsonWriter writer, IFormFile value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Files are not written as JSON.");
    }
}
