using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagicHub.Media.Contracts;

/// <summary>
/// Source-generated JSON of the media contracts (web defaults, as minimal APIs and <c>System.Net.Http.Json</c> use; the
/// wire names come from each property's <see cref="JsonPropertyNameAttribute"/>): no reflection, so <see cref="MediaClient"/>
/// works in trimmed and Native AOT services.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MediaItemResponse))]
[JsonSerializable(typeof(MediaListResponse))]
[JsonSerializable(typeof(SignedUrlResponse))]
[JsonSerializable(typeof(CreateUploadRequest))]
[JsonSerializable(typeof(UploadSessionResponse))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class MediaJsonContext : JsonSerializerContext;
