using System.Text.Json;
using System.Text.Json.Serialization;
using MagicHub.Identity.ApiKeys;
using MagicHub.Identity.Auth;
using MagicHub.Identity.Invites;
using MagicHub.Identity.Keys;
using MagicHub.Identity.Sessions;
using MagicHub.Identity.Users;
using MagicHub.Security.Revocation;

namespace MagicHub.Identity;

/// <summary>
/// Source-generated JSON of what the identity API reads and writes (web defaults, as minimal APIs use; wire names come
/// from the records' <see cref="JsonPropertyNameAttribute"/>s): no reflection, so the service can be published Native AOT.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(AcceptInviteRequest))]
[JsonSerializable(typeof(ApiKeyTokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ServiceTokenRequest))]
[JsonSerializable(typeof(UpdateProfileRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(List<UserResponse>))]
[JsonSerializable(typeof(List<SessionResponse>))]
[JsonSerializable(typeof(CreateInviteRequest))]
[JsonSerializable(typeof(InviteResponse))]
[JsonSerializable(typeof(List<InviteResponse>))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(List<ApiKeyResponse>))]
[JsonSerializable(typeof(OpenIdConfiguration))]
[JsonSerializable(typeof(JsonWebKeySetDocument))]
[JsonSerializable(typeof(RevocationDocument))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
