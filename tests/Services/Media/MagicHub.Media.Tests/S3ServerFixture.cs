using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MagicHub.Media.Tests;

/// <summary>
/// A real S3-compatible server on loopback: npm <c>s3rver</c> (installed by scripts/deps/media.sh), started once per
/// test class on a free port and stopped by pid. Tests skip with a clear reason when it is not installed.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private Process? _process;
    private string? _directory;

    public string? ServiceUrl { get; private set; }

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var executable = FindOnPath("s3rver");
        if (executable is null)
        {
            SkipReason = "s3rver is not installed (npm install -g s3rver@3.7.1; see scripts/deps/media.sh)";
            return;
        }
        var port = FreePort();
        _directory = Path.Combine(Path.GetTempPath(), "magichub-s3rver", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "-d", _directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--no-vhost-buckets" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("s3rver did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                ServiceUrl = $"http://127.0.0.1:{port}";
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited) break;
                await Task.Delay(100);
            }
        }
        SkipReason = "s3rver did not start listening within 10 s";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
