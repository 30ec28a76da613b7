using System.ComponentModel.DataAnnotations;

namespace MagicHub.Identity;

/// <summary>Identity service settings (section <c>Identity</c>).</summary>
public sealed class IdentityServiceOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Identity";

    /// <summary>Lifetime of user access tokens; short, because services validate them offline.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a refresh token from its issue (each use issues a new one).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Lifetime of the access tokens an API key is exchanged for.</summary>
    public TimeSpan ApiKeyTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one signing key signs before the next one takes over.</summary>
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long before it signs a new key is published in the JWKS (longer than services' JWKS refresh interval).</summary>
    public TimeSpan KeyPublishLead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failed logins in a row that lock the account.</summary>
    [Range(1, 1000)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an invitation can be accepted.</summary>
    public TimeSpan InviteLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Whether anyone may register a new tenant; when false only the first tenant can be created this way.</summary>
    public bool AllowRegistration { get; set; } = true;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AccessTokenLifetime <= TimeSpan.Zero || RefreshTokenLifetime <= AccessTokenLifetime || ApiKeyTokenLifetime <= TimeSpan.Zero)
        {
            yield return new("Token lifetimes must be positive and the refresh token must outlive the access token.");
        }
        if (KeyRotationInterval <= KeyPublishLead || KeyPublishLead <= TimeSpan.Zero)
        {
            yield return new("Identity:KeyRotationInterval must exceed Identity:KeyPublishLead, which must be positive.");
        }
    }
}
