using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MagicHub.Testing;

/// <summary>Small stand-in servers for tests: a slim app on real Kestrel on a free loopback port, without logging.</summary>
public static class LoopbackApp
{
    /// <summary>A slim app bound to port 0 of 127.0.0.1 (the OS picks a free port); add routes, then <see cref="StartOnLoopbackAsync"/>.</summary>
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Starts <paramref name="app"/> and returns the address it listens on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static async Task<string> StartOnLoopbackAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }
}
