using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

[assembly: AssemblyFixture(typeof(MagicHub.Transcription.Tests.TestAudio))]

namespace MagicHub.Transcription.Tests;

/// <summary>Hosts the transcription service in memory with configuration overrides; the prompts service points at a closed loopback port.</summary>
public sealed class TranscriptionHost(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.TrustTestTokens();
        builder.UseSetting("Transcription:PromptsBaseUrl", $"http://127.0.0.1:{ClosedPort()}");
        builder.UseSetting("Transcription:PocketSphinx:PoolSize", "2");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Polly", "None");
        builder.UseSetting("Logging:LogLevel:System.Net.Http", "None");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A loopback port nothing listens on (bound, read, released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
