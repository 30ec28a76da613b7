using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MagicHub.Identity.Auth;

/// <summary>Creates a tenant and its owner.</summary>
public sealed record RegisterRequest(
    [property: JsonPropertyName("tenant_name")][Required, StringLength(200, MinimumLength = 1)] string TenantName,
    [property: JsonPropertyName("email")][Required, EmailAddress, StringLength(320)] string Email,
    [property: JsonPropertyName("password")][Required, StringLength(200, MinimumLength = 8)] string Password,
    [property: JsonPropertyName("display_name")][StringLength(200)] string? DisplayName);

/// <summary>Signs in with e-mail and password.</summary>
public sealed record LoginRequest(
    [property: JsonPropertyName("email")][Required, StringLength(320)] string Email,
    [property: JsonPropertyName("password")][Required, StringLength(200)] string Password);

/// <summary>Exchanges a refresh token for a new access and refresh token.</summary>
public sealed record RefreshRequest(
    [property: JsonPropertyName("refresh_token")][Required, StringLength(200)] string RefreshToken);

/// <summary>Joins a tenant with an invitation token.</summary>
public sealed record AcceptInviteRequest(
    [property: JsonPropertyName("token")][Required, StringLength(200)] string Token,
    [property: JsonPropertyName("password")][Required, StringLength(200, MinimumLength = 8)] string Password,
    [property: JsonPropertyName("display_name")][StringLength(200)] string? DisplayName);

/// <summary>Exchanges an API key for a short-lived access token.</summary>
public sealed record ApiKeyTokenRequest(
    [property: JsonPropertyName("api_key")][Required, StringLength(200)] string ApiKey);

/// <summary>Tokens issued at sign-in, refresh or API key exchange (OAuth 2.0 token response shape).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("role")] string Role);
