using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MagicHub.Bench;

/// <summary>Child processes with bounded run time, free loopback ports and memory readings.</summary>
internal static class Processes
{
    /// <summary>Runs a command to completion (killed after <paramref name="timeout"/>); returns exit code and combined output.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, string? workingDirectory,
        TimeSpan timeout, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(stdout, stderr);
            // The run's own bound, not this step's: stop the run rather than report (and retry) a step that timed out.
            ct.ThrowIfCancellationRequested();
            return (-1, output + $"\n(killed after {timeout.TotalSeconds:0} s)");
        }
        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Copies a stream into <paramref name="sink"/> (bounded), so a chatty child never blocks on a full pipe.</summary>
    public static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (sink)
            {
                if (sink.Length < 256 * 1024)
                {
                    sink.AppendLine(line);
                }
            }
        }
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Resident set size of a process in MB, from <c>/proc/&lt;pid&gt;/status</c> (VmRSS).</summary>
    public static double RssMb(int pid) => StatusMb(pid, "VmRSS");

    /// <summary>
    /// Resident memory by kind (MB, from <c>/proc/PID/status</c>): file-backed pages (the runtime, assemblies, native
    /// libraries or the Native AOT executable, mapped from the page cache and shared with every process that maps the same
    /// files) and anonymous plus shared-memory pages (GC heap, JIT code, runtime data: the process's own).
    /// </summary>
    public static (double Rss, double File, double Own) RssBreakdownMb(int pid) =>
        (StatusMb(pid, "VmRSS"), StatusMb(pid, "RssFile"), StatusMb(pid, "RssAnon") + StatusMb(pid, "RssShmem"));

    /// <summary>
    /// Resident, proportional (each shared page divided among the processes that map it) and private (mapped by this
    /// process alone) memory in MB, from <c>/proc/PID/smaps_rollup</c>.
    /// </summary>
    public static (double Rss, double Pss, double Private) SharingMb(int pid)
    {
        var kb = File.ReadLines($"/proc/{pid}/smaps_rollup")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[1].TrimEnd().EndsWith(" kB", StringComparison.Ordinal))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        return (kb["Rss"] / 1024.0, kb["Pss"] / 1024.0, (kb["Private_Clean"] + kb["Private_Dirty"]) / 1024.0);
    }

    private static double StatusMb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }
        return double.NaN;
    }
}
