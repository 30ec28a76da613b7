using System.Text.Json;
using System.Text.Json.Serialization;
using MagicHub.Gateway.Apis;
using MagicHub.Gateway.Security;

namespace MagicHub.Gateway;

/// <summary>
/// Source-generated JSON of every type the gateway reads or writes itself (web defaults, as minimal APIs and
/// <c>System.Net.Http.Json</c> use): no reflection, so the gateway can be published Native AOT.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GatewayApi.PlatformInfo))]
[JsonSerializable(typeof(ApiKeyTokenRequest))]
[JsonSerializable(typeof(ApiKeyTokenAnswer))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
