using System.Diagnostics;

namespace MagicHub.Bench.Transcription;

/// <summary>The baseline: ffmpeg to 16 kHz raw PCM (one channel), then <c>pocketsphinx_continuous -infile</c>.</summary>
internal static class Cli
{
    public static async Task<string> RunAsync(string path, int? channel)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"magichub-bench-{Environment.ProcessId}.raw");
        try
        {
            string[] pan = channel is { } c ? ["-af", $"pan=mono|c0=c{c}"] : ["-ac", "1"];
            await RunAsync("ffmpeg", ["-v", "error", "-y", "-i", path, .. pan, "-ar", "16000", "-f", "s16le", raw]);
            var output = await RunAsync("pocketsphinx_continuous", ["-infile", raw, "-logfn", "/dev/null"]);
            return string.Join(' ', output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            File.Delete(raw);
        }
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stderr;
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{file} failed: {await stderr}");
    }
}
