using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MagicHub.Testing;

/// <summary>Starts and stops a bare generic host to see whether its options validate at start.</summary>
public static class HostStartup
{
    /// <summary>
    /// Builds a host with <paramref name="settings"/> as configuration and <paramref name="register"/>'s services,
    /// starts and stops it; returns the <see cref="OptionsValidationException"/> start-up threw, or null.
    /// </summary>
    public static async Task<OptionsValidationException?> ValidationErrorAsync(
        Dictionary<string, string?> settings, Action<HostApplicationBuilder> register, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder);
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            await host.StopAsync(cancellationToken);
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex;
        }
    }
}
