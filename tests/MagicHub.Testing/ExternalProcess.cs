using System.Diagnostics;
using System.Text;

namespace MagicHub.Testing;

/// <summary>Runs helper commands (server binaries) for test fixtures, optionally as another user when root.</summary>
public static class ExternalProcess
{
    /// <summary>True when the tests run as root (then servers that refuse root are run as their own user).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs <paramref name="file"/> to completion (bounded) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, string? asUser = null, TimeSpan? timeout = null)
    {
        var start = asUser is not null && IsRoot
            ? new ProcessStartInfo("runuser", ["-u", asUser, "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in time: {output}");
        }
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Finds an executable in the given folders (globs allowed in the last-but-one segment) or on PATH.</summary>
    public static string? Find(string name, params string[] folders)
    {
        foreach (var pattern in folders)
        {
            var parent = Path.GetDirectoryName(pattern)!;
            var leaf = Path.GetFileName(pattern);
            if (!Directory.Exists(parent))
            {
                continue;
            }
            foreach (var dir in Directory.GetDirectories(parent, leaf).OrderDescending())
            {
                var candidate = Path.Combine(dir, "bin", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
    }
}
