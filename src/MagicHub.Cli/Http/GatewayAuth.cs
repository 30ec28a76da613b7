namespace MagicHub.Cli.Http;

/// <summary>How requests authenticate at the gateway.</summary>
public enum GatewayAuthKind
{
    /// <summary>No credentials (sign-in and registration).</summary>
    None,

    /// <summary>A bearer token given with <c>--token</c> or <c>MAGICHUB_TOKEN</c>.</summary>
    Token,

    /// <summary>An API key given with <c>--api-key</c> or <c>MAGICHUB_API_KEY</c>, sent as <c>X-Api-Key</c>.</summary>
    ApiKey,

    /// <summary>The tokens saved by <c>login</c>/<c>register</c>, refreshed when they expire.</summary>
    Stored,
}

/// <summary>The credentials chosen for a run.</summary>
public sealed record GatewayAuth(GatewayAuthKind Kind, string? Secret = null)
{
    /// <summary>Picks, in order: <c>--token</c>, <c>--api-key</c>, <c>MAGICHUB_TOKEN</c>, <c>MAGICHUB_API_KEY</c>, the saved tokens.</summary>
    public static GatewayAuth Resolve(string? token, string? apiKey, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(token))
        {
            return new GatewayAuth(GatewayAuthKind.Token, token.Trim());
        }
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            return new GatewayAuth(GatewayAuthKind.ApiKey, apiKey.Trim());
        }
        if (environment("MAGICHUB_TOKEN") is { Length: > 0 } envToken && !string.IsNullOrWhiteSpace(envToken))
        {
            return new GatewayAuth(GatewayAuthKind.Token, envToken.Trim());
        }
        if (environment("MAGICHUB_API_KEY") is { Length: > 0 } envKey && !string.IsNullOrWhiteSpace(envKey))
        {
            return new GatewayAuth(GatewayAuthKind.ApiKey, envKey.Trim());
        }
        return new GatewayAuth(GatewayAuthKind.Stored);
    }
}
