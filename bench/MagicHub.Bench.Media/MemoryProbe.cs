namespace MagicHub.Bench.Media;

/// <summary>Samples a process's resident set size from /proc while a measured action runs.</summary>
public sealed class MemoryProbe(int pid)
{
    /// <summary>Current RSS in bytes.</summary>
    public long Rss() => ReadKb("VmRSS:") * 1024;

    /// <summary>Runs <paramref name="action"/> and returns its result, the RSS before it and the peak RSS during it.</summary>
    public async Task<(T Result, long Before, long Peak)> MeasureAsync<T>(Func<Task<T>> action)
    {
        var before = Rss();
        // Reset the kernel's high-water mark so VmHWM covers this action only (Linux clear_refs 5).
        try { await File.WriteAllTextAsync($"/proc/{pid}/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        var peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss());
                try { await Task.Delay(10, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var result = await action();
        await stop.CancelAsync();
        await sampler;
        peak = Math.Max(peak, Math.Max(Rss(), ReadKb("VmHWM:") * 1024));
        return (result, before, peak);
    }

    private long ReadKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
