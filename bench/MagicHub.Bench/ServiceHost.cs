using System.Diagnostics;
using System.Text;

namespace MagicHub.Bench;

/// <summary>
/// One service started from its Release (build or published) dll with <c>dotnet exec</c>, or its Native AOT executable, on a free loopback port with its own temp data
/// directory; stopped (by its pid) on dispose.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    // Downstream addresses nobody listens on (the discard port), so a service never reaches another helper's instance.
    private const string Nowhere = "http://127.0.0.1:9";
    private static readonly string[] CatalogNames =
        ["gateway", "transcription", "prompts", "extraction", "calls", "media", "nlp", "training", "knowledge", "search",
         "chat", "ocr", "payments", "scheduling", "analytics", "identity", "notifications"];

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _dataDirectory;

    private ServiceHost(ServiceProject service, int port, Process process, string dataDirectory, Stopwatch started)
    {
        Service = service;
        Port = port;
        _process = process;
        _dataDirectory = dataDirectory;
        Started = started;
        _ = Processes.PumpAsync(process.StandardOutput, _log);
        _ = Processes.PumpAsync(process.StandardError, _log);
    }

    public ServiceProject Service { get; }
    public int Port { get; }
    public int Pid => _process.Id;
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public Stopwatch Started { get; }

    /// <summary>
    /// Starts <paramref name="service"/>. <paramref name="addresses"/> names the other services' addresses
    /// (every catalog service not listed points nowhere); <paramref name="environment"/> adds runtime settings;
    /// <paramref name="binary"/> picks the build output, the published dll or the Native AOT executable.
    /// </summary>
    public static ServiceHost Start(ServiceProject service, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, Uri>? addresses = null, int? port = null, ServiceBinary binary = ServiceBinary.Build)
    {
        var dll = binary switch
        {
            ServiceBinary.Published => service.PublishedDll,
            ServiceBinary.NativeAot => service.NativeExe ?? throw new InvalidOperationException($"{service.Name} is not published Native AOT."),
            _ => service.Dll,
        };
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: " + (binary == ServiceBinary.Build
                ? $"build it with dotnet build -c Release {service.Project}."
                : $"publish it (the footprint benchmark does, without --no-build)."));
        }
        var listen = port ?? Processes.FreePort();
        var data = Directory.CreateTempSubdirectory($"magichub-bench-{service.Name}-").FullName;
        // The platform's shared data directory already holds the service secret (the first service to start creates it;
        // deployments set Security__ServiceSecret): a service started here must not pay for generating it (OpenSSL's
        // random generator loads libcrypto, ~3.7 MB of RSS, a cost only the platform's first start has).
        File.WriteAllText(Path.Combine(data, "service-secret"), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var info = new ProcessStartInfo(binary == ServiceBinary.NativeAot ? dll : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        if (binary != ServiceBinary.NativeAot)
        {
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(dll);
        }
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{listen}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Data__Directory"] = data;
        foreach (var name in CatalogNames)
        {
            info.Environment[$"Services__{name}__http__0"] = addresses?.GetValueOrDefault(name)?.ToString().TrimEnd('/') ?? Nowhere;
            info.Environment.Remove($"{name.ToUpperInvariant()}_SERVICE_URL");
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        return new ServiceHost(service, listen, process, data, clock);
    }

    /// <summary>Polls <paramref name="path"/> every 10 ms until it answers 200; returns the time since process start.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(string path = "/health", TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = (timeout ?? TimeSpan.FromSeconds(60)) + Started.Elapsed;
        while (Started.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Service.Name} exited with {_process.ExitCode}:\n{Log(4000)}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, path), ct);
                if ((int)response.StatusCode == 200)
                {
                    return Started.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow answer while starting.
            }
            await Task.Delay(10, ct);
        }
        throw new TimeoutException($"{Service.Name} not healthy on {path} within {timeout}:\n{Log(4000)}");
    }

    public double RssMb() => Processes.RssMb(_process.Id);

    public string Log(int lastChars)
    {
        lock (_log)
        {
            var text = _log.ToString();
            return text.Length <= lastChars ? text : text[^lastChars..];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child; the temp directory is cleaned by the OS.
        }
    }
}
