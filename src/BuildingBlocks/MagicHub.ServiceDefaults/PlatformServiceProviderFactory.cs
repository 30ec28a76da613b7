using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MagicHub.ServiceDefaults;

/// <summary>
/// Builds the service provider as the host's default factory does, after dropping registrations that only cost start-up
/// time and memory. Today one: ASP.NET Core Data Protection's key-ring warm-up (<c>DataProtectionHostedService</c>,
/// registered by <c>AddDataProtection</c>: YARP's <c>AddReverseProxy</c> at the gateway, <c>AddAuthentication</c> at
/// media; MagicHub.Security's own authentication leaves it out), which reads or creates an XML key (System.Private.Xml,
/// key file I/O) at every start although no MagicHub service protects data with it: bearer tokens and API keys do not
/// use it. Should anything ever need the key ring, it is still created on first use.
/// </summary>
internal sealed class PlatformServiceProviderFactory(ServiceProviderOptions options) : IServiceProviderFactory<IServiceCollection>
{
    private const string DataProtectionWarmUp = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <inheritdoc />
    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == DataProtectionWarmUp)
            {
                services.RemoveAt(i);
            }
        }
        return services;
    }

    /// <inheritdoc />
    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider(options);
}
