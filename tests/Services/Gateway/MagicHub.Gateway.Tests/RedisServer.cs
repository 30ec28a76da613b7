using System.Diagnostics;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>A real <c>redis-server</c> on a free loopback port, without persistence, stopped by its pid.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string Configuration => $"127.0.0.1:{Port}";

    public async ValueTask InitializeAsync()
    {
        var binary = ExternalProcess.Find("redis-server", "/usr/bin", "/usr/local/bin")
            ?? throw new InvalidOperationException("redis-server is not installed (scripts/deps/identity.sh installs it).");
        var start = new ProcessStartInfo(binary, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--protected-mode", "yes"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"redis-server did not listen on {Port}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
