using System.Text.Json.Serialization;

namespace MagicHub.Cli.Auth;

/// <summary>The tokens kept for one gateway.</summary>
public sealed record Credentials(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("tenant_id")] string? TenantId,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("email")] string? Email)
{
    /// <summary>Credentials from an identity token response.</summary>
    public static Credentials From(TokenResponse tokens, string? email, DateTimeOffset now) => new(
        tokens.AccessToken, tokens.RefreshToken, now.AddSeconds(tokens.ExpiresIn), tokens.TenantId, tokens.Subject, tokens.Role, email);
}

/// <summary>The identity service's token response (<c>/identity/auth/login|register|refresh</c>).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("role")] string Role);

/// <summary>The credentials file: tokens per gateway URL.</summary>
public sealed record CredentialsFile(
    [property: JsonPropertyName("gateways")] Dictionary<string, Credentials> Gateways);
