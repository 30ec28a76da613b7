using System.Diagnostics;

namespace MagicHub.AppHost;

/// <summary>One platform service run as a child process, restarted with backoff if it dies.</summary>
public sealed class ServiceProcess(PlatformService service, string dataDirectory, string logDirectory) : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private Process? _process;
    private StreamWriter? _log;
    private bool _stopping;
    private int _restarts;

    public PlatformService Service => service;

    public bool IsRunning => _process is { HasExited: false };

    public void Start()
    {
        Directory.CreateDirectory(logDirectory);
        _log ??= new StreamWriter(Path.Combine(logDirectory, service.Name + ".log"), append: true) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(service.AssemblyPath)!,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(service.AssemblyPath);
        start.Environment["ASPNETCORE_URLS"] = service.Url.ToString().TrimEnd('/');
        start.Environment["Data__Directory"] = dataDirectory;
        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(line.Data);
        process.ErrorDataReceived += (_, line) => Write(line.Data);
        process.Exited += (_, _) => _ = RestartAfterCrashAsync(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Asks the service to stop (SIGTERM) and kills it if it has not stopped in time.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _stopping = true;
        if (_process is not { HasExited: false } process)
        {
            return;
        }
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private async Task RestartAfterCrashAsync(Process exited)
    {
        if (_stopping || !ReferenceEquals(exited, _process))
        {
            return;
        }
        var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, _restarts++)));
        Console.WriteLine($"  {service.Name} exited with code {exited.ExitCode}; restarting in {delay.TotalSeconds:0}s (log: {Path.Combine(logDirectory, service.Name + ".log")})");
        await Task.Delay(delay);
        if (!_stopping)
        {
            Start();
        }
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (this)
            {
                _log?.WriteLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process?.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }
}
