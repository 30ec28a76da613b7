using System.Net.Http.Headers;
using MagicHub.Security.Testing;
using MagicHub.Testing;
using Microsoft.AspNetCore.Hosting;

namespace MagicHub.Gateway.Tests;

/// <summary>
/// A service on Kestrel that trusts the tokens of <paramref name="tokens"/> (when given) instead of the identity
/// service's JWKS, and whose loopback clients carry <paramref name="bearer"/> (when given).
/// </summary>
public sealed class SecuredServiceFactory<TEntryPoint>(IDictionary<string, string?>? settings = null, TestTokens? tokens = null, string? bearer = null)
    : KestrelServiceFactory<TEntryPoint>(WithoutRevocationPoll(settings, tokens)) where TEntryPoint : class
{
    /// <summary>A client for the real server, with the bearer token if one was given.</summary>
    public new HttpClient CreateLoopbackClient()
    {
        var client = base.CreateLoopbackClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (tokens is not null)
        {
            builder.ConfigureServices(tokens.Trust);
        }
    }

    // With test tokens there is no identity service whose revocation list could be polled.
    private static Dictionary<string, string?> WithoutRevocationPoll(IDictionary<string, string?>? settings, TestTokens? tokens)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (tokens is not null)
        {
            all.TryAdd("Security:RevocationPollInterval", "00:00:00");
        }
        return all;
    }
}
