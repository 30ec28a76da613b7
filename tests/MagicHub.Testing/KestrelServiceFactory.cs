using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MagicHub.Testing;

/// <summary>
/// Hosts a service on a real Kestrel server on a free loopback port (so other processes and the gateway can call it),
/// with configuration overrides and its own data directory.
/// </summary>
/// <typeparam name="TEntryPoint">Any type of the service's assembly.</typeparam>
public class KestrelServiceFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    /// <summary>Creates the factory; call <see cref="Start"/> to listen.</summary>
    /// <param name="settings">Configuration overrides.</param>
    /// <param name="configureServices">Service overrides applied after the service's own registrations.</param>
    /// <param name="port">A fixed port (to restart a service where its clients expect it), else a free one.</param>
    /// <param name="dataDirectory">A fixed data folder (to restart on the same data), else a new temp one.</param>
    public KestrelServiceFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null,
        int? port = null, string? dataDirectory = null)
    {
        _configureServices = configureServices;
        Port = port ?? FreePort.Next();
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "magichub-test-" + Guid.NewGuid().ToString("N")[..8]);
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
        if (_configureServices is not null)
        {
            builder.ConfigureTestServices(_configureServices);
        }
    }

    /// <summary>Keep the data folder on dispose (a restart will reuse it).</summary>
    public bool KeepData { get; set; }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (KeepData)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
