using System.Text.Json;
using System.Text.Json.Serialization;
using MagicHub.Security.Authentication;
using MagicHub.Security.Revocation;

namespace MagicHub.Security;

/// <summary>
/// Source-generated JSON of the security building block (web defaults, as <c>System.Net.Http.Json</c> uses):
/// no reflection, so it works trimmed and in Native AOT services.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RevocationDocument))]
[JsonSerializable(typeof(ServiceTokenRequest))]
[JsonSerializable(typeof(ServiceTokenAnswer))]
[JsonSerializable(typeof(UnauthorizedProblem))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
