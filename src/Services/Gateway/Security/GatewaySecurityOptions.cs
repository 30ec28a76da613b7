using System.ComponentModel.DataAnnotations;

namespace MagicHub.Gateway.Security;

/// <summary>Gateway security settings (section <c>GatewaySecurity</c>).</summary>
public sealed class GatewaySecurityOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "GatewaySecurity";

    /// <summary>
    /// Paths reachable without a token or API key (patterns: equal or below, <c>*</c> = one segment). Added to the
    /// defaults in <see cref="DefaultPublicPaths"/>.
    /// </summary>
    public IList<string> PublicPaths { get; } = [];

    /// <summary>Sign-in, sign-up, refresh, key exchange, JWKS, health and docs: open by design.</summary>
    public static IReadOnlyList<string> DefaultPublicPaths { get; } =
    [
        "/", "/*/health", "/*/alive", "/*/openapi",
        "/identity/auth/login", "/identity/auth/register", "/identity/auth/refresh",
        "/identity/auth/accept-invite", "/identity/auth/api-key/token", "/identity/.well-known",
    ];

    /// <summary>How long the access token an API key was exchanged for is reused; a revoked key works at most this long.</summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Request quotas.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Cross-origin requests allowed from browsers.</summary>
    public CorsSettings Cors { get; set; } = new();

    /// <summary>Request body limits.</summary>
    public BodyLimitOptions BodyLimits { get; set; } = new();
}

/// <summary>Quotas per API key, per user and per IP address (anonymous callers), over fixed windows.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Quota of each API key.</summary>
    public Quota ApiKey { get; set; } = new() { PermitLimit = 600 };

    /// <summary>Quota of each signed-in user.</summary>
    public Quota User { get; set; } = new() { PermitLimit = 300 };

    /// <summary>Quota of each IP address without credentials (sign-in, refresh, health).</summary>
    public Quota Anonymous { get; set; } = new() { PermitLimit = 60 };

    /// <summary>Redis (StackExchange.Redis configuration string) shared by the gateway replicas; in memory when empty.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of the Redis keys.</summary>
    public string RedisKeyPrefix { get; set; } = "magichub:ratelimit:";
}

/// <summary>A number of requests per window.</summary>
public sealed class Quota
{
    /// <summary>Requests allowed per window; 0 disables the limit.</summary>
    [Range(0, int.MaxValue)]
    public int PermitLimit { get; set; }

    /// <summary>The window length.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>CORS policy; no origin is allowed unless listed.</summary>
public sealed class CorsSettings
{
    /// <summary>Allowed origins, e.g. <c>https://app.example.com</c>; <c>*</c> allows any (without credentials).</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Allowed methods; any when empty.</summary>
    public IList<string> AllowedMethods { get; } = [];

    /// <summary>Allowed request headers; any when empty.</summary>
    public IList<string> AllowedHeaders { get; } = [];

    /// <summary>Whether cookies and authorization headers may be sent cross-origin (not with <c>*</c>).</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>How long browsers cache a preflight answer.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Largest request bodies: a default and per path prefix (longest prefix wins).</summary>
public sealed class BodyLimitOptions
{
    /// <summary>Bytes allowed when no route entry matches (10 MB).</summary>
    public long Default { get; set; } = 10 * 1024 * 1024;

    /// <summary>Bytes allowed per path prefix, e.g. <c>"/media": 2147483648</c>.</summary>
    public IDictionary<string, long> Routes { get; } = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
    {
        ["/media"] = 2L * 1024 * 1024 * 1024,
        ["/transcription"] = 512L * 1024 * 1024,
        ["/api/transcribe"] = 512L * 1024 * 1024,
        ["/api/calls"] = 2L * 1024 * 1024 * 1024,
    };
}
