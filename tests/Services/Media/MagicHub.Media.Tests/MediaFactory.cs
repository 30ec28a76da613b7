using MagicHub.Media.Contracts;
using MagicHub.Media.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MagicHub.Media.Tests;

/// <summary>Hosts the media service on a fresh data folder with small limits, a settable clock and recorded events.</summary>
public sealed class MediaFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public MediaFactory(Dictionary<string, string?>? settings = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "magichub-media-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = DataDirectory,
            ["Media:SigningKey"] = "test-signing-key-0123456789-abcdefghijklmnop",
            ["Media:Limits:Audio"] = "4000000",
            ["Media:Limits:Image"] = "100000",
            ["Media:Limits:Document"] = "100000",
            ["Media:Tenants:small:MaxUploadBytes"] = "5000",
            ["Media:Tenants:short:RetentionDays"] = "1",
            ["Media:RetentionInterval"] = "01:00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public string BlobDirectory => Path.Combine(DataDirectory, "blobs");

    public TestClock Clock { get; } = new();

    public RecordingEvents Events { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IMediaEvents>();
            services.AddSingleton<IMediaEvents>(Events);
        });
    }

    /// <summary>A client acting for <paramref name="tenant"/>.</summary>
    public HttpClient ClientFor(string tenant = "default")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(MediaClient.TenantHeader, tenant);
        return client;
    }

    /// <summary>Every file under the blob folder, temp files included.</summary>
    public string[] BlobFiles() => Directory.Exists(BlobDirectory) ? Directory.GetFiles(BlobDirectory, "*", SearchOption.AllDirectories) : [];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Keeps the events the service publishes.</summary>
public sealed class RecordingEvents : IMediaEvents
{
    public List<object> Published { get; } = [];

    public Task PublishAsync(RecordingIngested recording, CancellationToken cancellationToken)
    {
        lock (Published) Published.Add(recording);
        return Task.CompletedTask;
    }

    public Task PublishAsync(MediaUploaded media, CancellationToken cancellationToken)
    {
        lock (Published) Published.Add(media);
        return Task.CompletedTask;
    }
}
