using System.Globalization;

namespace MagicHub.Bench;

/// <summary>One wrk run's outcome: latency percentiles (ms), achieved rate and failures.</summary>
internal sealed record LoadResult(double P50Ms, double P99Ms, double MaxMs, double RequestsPerSecond, long Requests, long Errors);

/// <summary>
/// Load from <c>wrk</c> (Debian) as a separate process. A Lua <c>done</c> hook prints exact percentiles; the fixed-rate
/// case paces each connection with wrk's <c>delay</c> hook (wrk2 is not packaged), so rate = connections / (mean delay + latency)
/// and the achieved rate is reported beside the latencies. The delays are drawn from an exponential distribution, so the
/// connections' requests arrive as a Poisson stream: a fixed delay lets the connections fall into step and fire in bursts of
/// up to all of them at once, which measures the queue of a burst of 100 instead of the latency at the rate.
/// </summary>
internal static class Wrk
{
    /// <summary>Connections of the paced case.</summary>
    public const int PacedConnections = 100;

    private const string Done = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("WRKRESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(99), latency.max,
            e.connect + e.read + e.write + e.status + e.timeout))
        end
        """;

    /// <summary>Closed loop: as many requests as <paramref name="connections"/> keep in flight.</summary>
    public static Task<LoadResult> MaxAsync(Uri url, TimeSpan duration, int connections, string? header, CancellationToken ct) =>
        RunAsync(url, duration, threads: 2, connections, delayMs: 0, header, ct);

    /// <summary>
    /// Paced: about <paramref name="rate"/> requests/s from <see cref="PacedConnections"/> connections, each waiting a
    /// random delay of mean connections × 1000 / rate ms (less the ~2 ms a request itself takes) between requests.
    /// Many connections with a long delay keep the latency's share of each cycle small (10 connections at 10 ms reached
    /// only ~830/s of 1,000).
    /// </summary>
    public static Task<LoadResult> RateAsync(Uri url, TimeSpan duration, int rate, string? header, CancellationToken ct)
    {
        const int connections = PacedConnections;
        return RunAsync(url, duration, threads: 2, connections, delayMs: Math.Max(1, (connections * 1000 / rate) - 2), header, ct);
    }

    // Exponential delays (inverse transform of a uniform draw), seeded per wrk thread.
    private static string PoissonDelay(int meanMs) => $$"""
        local threads = 0
        setup = function(thread)
          threads = threads + 1
          thread:set("seed", threads)
        end
        init = function(args)
          math.randomseed(os.time() * 1000 + seed * 7919)
        end
        delay = function()
          return math.floor(-{{meanMs}} * math.log(1 - math.random()) + 0.5)
        end

        """;

    private static async Task<LoadResult> RunAsync(Uri url, TimeSpan duration, int threads, int connections, int delayMs, string? header, CancellationToken ct)
    {
        var script = Path.Combine(Path.GetTempPath(), $"magichub-bench-wrk-{Environment.ProcessId}-{delayMs}.lua");
        await File.WriteAllTextAsync(script, (delayMs > 0 ? PoissonDelay(delayMs) : "") + Done, ct);
        try
        {
            string[] args = ["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "5s", "-s", script, .. (header is null ? [] : new[] { "-H", header }), url.ToString()];
            var (code, output) = await Processes.RunAsync("wrk", args, null, duration + TimeSpan.FromSeconds(30), ct);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRKRESULT ", StringComparison.Ordinal));
            if (code != 0 || line is null)
            {
                throw new InvalidOperationException($"wrk failed ({code}):\n{output}");
            }
            var n = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return new LoadResult(n[2] / 1000.0, n[3] / 1000.0, n[4] / 1000.0, n[0] / (n[1] / 1_000_000.0), n[0], n[5]);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
