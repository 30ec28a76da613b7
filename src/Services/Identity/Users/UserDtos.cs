using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MagicHub.Identity.Users;

/// <summary>A user as the API shows it.</summary>
public sealed record UserResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("locked_until")] DateTime? LockedUntil)
{
    /// <summary>Maps a stored user.</summary>
    public static UserResponse From(User user) =>
        new(user.Id, user.TenantId, user.Email, user.DisplayName, user.Role, user.CreatedAt, user.LockoutEnd);
}

/// <summary>Changes to my profile.</summary>
public sealed record UpdateProfileRequest(
    [property: JsonPropertyName("display_name")][StringLength(200, MinimumLength = 1)] string? DisplayName);

/// <summary>Changes my password; my other sessions are revoked.</summary>
public sealed record ChangePasswordRequest(
    [property: JsonPropertyName("current_password")][Required, StringLength(200)] string CurrentPassword,
    [property: JsonPropertyName("new_password")][Required, StringLength(200, MinimumLength = 8)] string NewPassword);

/// <summary>An admin's change to a user of the tenant.</summary>
public sealed record UpdateUserRequest(
    [property: JsonPropertyName("role")][Required, AllowedValues("owner", "admin", "member", "read-only")] string Role);
