using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>
/// A real RabbitMQ node (Debian rabbitmq-server) on free loopback ports in a temp directory,
/// run as the rabbitmq user (when root) with its own epmd, stopped by pid. Used by tests and the benchmark.
/// </summary>
public sealed class RabbitMQNode : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string CtlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private string _dir = "";
    private int _epmdPort;
    private int _distPort;
    private Process? _epmd;
    private Process? _server;

    public int AmqpPort { get; private set; }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{AmqpPort}/";

    public async Task StartAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException("rabbitmq-server is not installed: run scripts/deps/messaging.sh as root.");
        }
        _dir = Directory.CreateTempSubdirectory("magichub-rabbitmq-").FullName;
        (AmqpPort, _distPort, _epmdPort) = (FreePort(), FreePort(), FreePort());
        if (IsRoot) await RunAsync("chown", $"-R rabbitmq:rabbitmq {_dir}");
        _epmd = Start("/usr/bin/epmd", $"-port {_epmdPort}");
        await StartServerAsync();
    }

    /// <summary>Stops the node gracefully (SIGTERM) and starts it again on the same ports and data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartServerAsync();
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this node (e.g. <c>list_queues name messages</c>) and returns its output.</summary>
    public async Task<string> CtlAsync(string arguments, TimeSpan timeout)
    {
        var output = new System.Text.StringBuilder();
        using var process = Start(CtlScript, arguments, line => { lock (output) output.AppendLine(line); });
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return $"rabbitmqctl {arguments} did not answer within {timeout.TotalSeconds:0} s";
        }
        lock (output) return output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_epmd is { HasExited: false }) _epmd.Kill(entireProcessTree: true);
        _epmd?.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task StartServerAsync()
    {
        _server = Start(ServerScript, "");
        var deadline = DateTime.UtcNow + StartTimeout;
        var factory = new ConnectionFactory { Uri = new Uri(ConnectionString) };
        while (true)
        {
            if (_server.HasExited) throw new InvalidOperationException($"rabbitmq-server exited with {_server.ExitCode}: {Tail()}");
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private async Task StopAsync()
    {
        if (_server is null) return;
        var pidFile = Path.Combine(_dir, "rabbit.pid");
        if (!_server.HasExited && File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var beamPid))
        {
            await RunAsync("kill", $"-TERM {beamPid}");
        }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _server.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { _server.Kill(entireProcessTree: true); }
        _server.Dispose();
        _server = null;
        if (File.Exists(pidFile)) File.Delete(pidFile);
    }

    private Process Start(string file, string arguments, Action<string>? onLine = null)
    {
        var env = new Dictionary<string, string>
        {
            ["HOME"] = _dir,
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(),
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distPort.ToString(),
            ["RABBITMQ_NODENAME"] = $"magichub-test-{AmqpPort}@localhost",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_dir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_dir, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_dir, "rabbit.pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_dir, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_dir, "rabbitmq"),
        };
        var info = IsRoot
            ? new ProcessStartInfo("runuser", ["-u", "rabbitmq", "--", "env", .. env.Select(kv => $"{kv.Key}={kv.Value}"), file, .. Split(arguments)])
            : new ProcessStartInfo(file, Split(arguments));
        if (!IsRoot) foreach (var (k, v) in env) info.Environment[k] = v;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = _dir;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {file}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private string Tail()
    {
        var logs = Directory.Exists(Path.Combine(_dir, "log")) ? Directory.GetFiles(Path.Combine(_dir, "log"), "*.log") : [];
        return string.Join('\n', logs.SelectMany(f => File.ReadLines(f).TakeLast(20)));
    }

    private static string[] Split(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, Split(arguments))) ?? throw new InvalidOperationException(file);
        await process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

