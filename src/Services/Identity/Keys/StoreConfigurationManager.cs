using MagicHub.Security;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MagicHub.Identity.Keys;

/// <summary>Lets the identity service validate its own tokens from its key store instead of over HTTP.</summary>
public sealed class StoreConfigurationManager(SigningKeyStore store, SecurityOptions security) : IConfigurationManager<OpenIdConnectConfiguration>
{
    /// <inheritdoc />
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = security.Issuer };
        foreach (var key in await store.GetPublishedKeysAsync(cancel))
        {
            configuration.SigningKeys.Add(key);
        }
        return configuration;
    }

    /// <inheritdoc />
    public void RequestRefresh() => store.Invalidate();
}
