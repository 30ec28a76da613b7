using System.ComponentModel.DataAnnotations;

namespace MagicHub.Security;

/// <summary>Token validation settings shared by every service (section <c>Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Security";

    /// <summary>
    /// Base address of the identity service whose <c>/.well-known/openid-configuration</c> and JWKS are used;
    /// default: the catalog address of <c>identity</c> (<c>Services:identity:http:0</c>).
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The <c>iss</c> every access token must carry.</summary>
    [Required]
    public string Issuer { get; set; } = "magichub-identity";

    /// <summary>The <c>aud</c> every access token must carry.</summary>
    [Required]
    public string Audience { get; set; } = "magichub-api";

    /// <summary>Allowed clock difference when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the signing keys are re-read from the JWKS even without an unknown key id.</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Least time between two JWKS reads triggered by a token with an unknown key id.</summary>
    public TimeSpan JwksMinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the metadata address must be HTTPS (off by default: services talk over the internal network).</summary>
    public bool RequireHttpsMetadata { get; set; }

    /// <summary>
    /// How often the identity service's list of recently revoked sessions and API keys is polled; tokens naming
    /// one of them are refused before they expire. <c>00:00:00</c> disables the poll.
    /// </summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a successfully validated token is remembered, so the same caller's next requests skip the signature
    /// check (at most until the token expires, and only while its signing key is still trusted; revocation is checked
    /// on every request regardless). <c>00:00:00</c> validates every request in full.
    /// </summary>
    public TimeSpan TokenValidationCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Paths served without a token, as patterns: a pattern matches a path equal to it or below it, and <c>*</c>
    /// stands for one segment (e.g. <c>/*/openapi</c>). Health, liveness, metrics and docs are always open.
    /// </summary>
    public IList<string> PublicPaths { get; } = [];

    /// <summary>
    /// Secret shared by the platform's services and the identity service, with which a service obtains tokens for
    /// work outside a request (background jobs run for a tenant). Unset: the secret in
    /// <c>{Data:Directory}/service-secret</c>, created on first start, which the services of one machine share.
    /// </summary>
    public string? ServiceSecret { get; set; }

    /// <summary>Paths every service leaves open.</summary>
    public static IReadOnlyList<string> AlwaysPublic { get; } = ["/health", "/alive", "/metrics", "/docs", "/openapi"];
}
