using System.CommandLine;
using MagicHub.Cli.Auth;
using MagicHub.Cli.Http;

namespace MagicHub.Cli;

/// <summary>Options every command takes: the gateway URL and how to authenticate.</summary>
public sealed class GlobalOptions(CliContext context)
{
    /// <summary>The default gateway.</summary>
    public const string DefaultUrl = "http://localhost:8000";

    public Option<string?> Url { get; } = new("--url") { Description = $"Gateway URL (env MAGICHUB_URL, default {DefaultUrl}).", Recursive = true };

    public Option<string?> Token { get; } = new("--token") { Description = "Bearer access token (env MAGICHUB_TOKEN).", Recursive = true };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "API key, sent as X-Api-Key (env MAGICHUB_API_KEY).", Recursive = true };

    /// <summary>The context commands run in.</summary>
    public CliContext Context => context;

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(RootCommand root)
    {
        root.Add(Url);
        root.Add(Token);
        root.Add(ApiKey);
    }

    /// <summary>The gateway URL: <c>--url</c>, then <c>MAGICHUB_URL</c>, then the default; always ending with '/'.</summary>
    public Uri ResolveUrl(ParseResult parse)
    {
        var text = parse.GetValue(Url);
        if (string.IsNullOrWhiteSpace(text))
        {
            text = context.Environment("MAGICHUB_URL");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            text = DefaultUrl;
        }
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new CliException($"'{text}' is not an http(s) URL; pass the gateway as --url http://host:8000.");
        }
        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    /// <summary>A client for the gateway with the run's credentials.</summary>
    public GatewayClient CreateClient(ParseResult parse, bool anonymous = false)
    {
        var auth = anonymous ? new GatewayAuth(GatewayAuthKind.None) : GatewayAuth.Resolve(parse.GetValue(Token), parse.GetValue(ApiKey), context.Environment);
        return new GatewayClient(ResolveUrl(parse), auth, Store, context.Handler, TimeProvider.System);
    }

    /// <summary>The credentials file.</summary>
    public CredentialStore Store => new(context.CredentialsPath);
}
