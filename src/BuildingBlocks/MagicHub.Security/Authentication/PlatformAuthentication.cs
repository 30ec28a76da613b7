using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MagicHub.Security.Authentication;

/// <summary>
/// ASP.NET Core authentication without ASP.NET Core Data Protection: what <c>AddAuthentication</c> registers, less
/// <c>AddDataProtection</c>. No MagicHub service protects data with it (bearer tokens and API keys need no key ring; no
/// cookie, remote sign-in or antiforgery handler is used), yet its registration alone kept its XML key manager
/// (System.Private.Xml and System.Private.Xml.Linq) and its cryptography in every Native AOT image.
/// </summary>
public static class PlatformAuthentication
{
    /// <summary>Registers authentication with <paramref name="defaultScheme"/> as the default scheme, without Data Protection.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="defaultScheme">The default authentication scheme.</param>
    public static AuthenticationBuilder AddPlatformAuthentication(this IServiceCollection services, string defaultScheme)
    {
        services.AddAuthenticationCore(options => options.DefaultScheme = defaultScheme);
        services.AddWebEncoders();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuthenticationConfigurationProvider, AuthenticationConfigurationSection>();
        return new AuthenticationBuilder(services);
    }

    /// <summary>The <c>Authentication</c> configuration section, as ASP.NET Core's own (internal) provider gives it.</summary>
    private sealed class AuthenticationConfigurationSection(IConfiguration configuration) : IAuthenticationConfigurationProvider
    {
        /// <inheritdoc />
        public IConfiguration AuthenticationConfiguration { get; } = configuration.GetSection("Authentication");
    }
}
