using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace MagicHub.Testing;

/// <summary>
/// Hosts a service on a real Kestrel server on a free loopback port (so other processes and the gateway can call it),
/// with configuration overrides and its own data directory.
/// </summary>
/// <typeparam name="TEntryPoint">Any type of the service's assembly.</typeparam>
public class KestrelServiceFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private readonly Dictionary<string, string?> _settings;

    /// <summary>Creates the factory; call <see cref="Start"/> to listen.</summary>
    public KestrelServiceFactory(IDictionary<string, string?>? settings = null)
    {
        Port = FreePort.Next();
        DataDirectory = Path.Combine(Path.GetTempPath(), "magichub-test-" + Guid.NewGuid().ToString("N")[..8]);
        _settings = new Dictionary<string, string?> { ["Data:Directory"] = DataDirectory };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        UseKestrel(Port);
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its base address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Its private data folder (SQLite files, blobs).</summary>
    public string DataDirectory { get; }

    /// <summary>Starts the Kestrel server.</summary>
    public KestrelServiceFactory<TEntryPoint> Start()
    {
        StartServer();
        return this;
    }

    /// <summary>A client for the real server.</summary>
    public HttpClient CreateLoopbackClient() => new() { BaseAddress = BaseAddress };

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
