using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MagicHub.Bench.Media;

/// <summary>The media service built in Release and run as its own process on a free loopback port; stopped by pid.</summary>
public sealed class MediaServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private MediaServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public static async Task<MediaServiceProcess> StartAsync(string repo, string dataDirectory)
    {
        var project = Path.Combine(repo, "src", "Services", "Media", "MagicHub.Media.csproj");
        var output = Path.Combine(dataDirectory, "service");
        using (var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-o", output, "-v", "q", "-nologo"]))!)
        {
            await build.WaitForExitAsync();
            if (build.ExitCode != 0) throw new InvalidOperationException("building the media service failed");
        }
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "MagicHub.Media.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Data__Directory"] = Path.Combine(dataDirectory, "data");
        start.Environment["Media__Limits__Audio"] = (4L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Media__SigningKey"] = "bench-signing-key-0123456789abcdefghijklmnop";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[media] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 150; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("alive")).IsSuccessStatusCode) return new MediaServiceProcess(process, address);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (process.HasExited) break;
            await Task.Delay(200);
        }
        process.Kill();
        throw new InvalidOperationException("the media service did not become alive");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
