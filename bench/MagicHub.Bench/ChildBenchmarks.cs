using System.Diagnostics;

namespace MagicHub.Bench;

/// <summary>
/// The other areas' benchmark projects (<c>bench/MagicHub.Bench.*</c>), run as child processes with
/// <c>dotnet run -c Release</c>, each bounded in time; their Markdown (<c>bench/results/*.md</c>) is included in the report.
/// </summary>
internal static class ChildBenchmarks
{
    public static async Task RunAsync(Report report, BenchSettings settings, CancellationToken ct)
    {
        var benchDir = Path.Combine(Repo.Root, "bench");
        // "MagicHub.Bench.*" also matches this runner's own folder (DOS wildcard rules): skip it, and the footprint's floor
        // app (a web host that runs until stopped, not a benchmark).
        var floor = Path.GetDirectoryName(Repo.Floor().Project);
        var children = Directory.GetDirectories(benchDir, "MagicHub.Bench.*")
            .Where(d => Path.GetFileName(d) != "MagicHub.Bench" && d != floor).Order(StringComparer.Ordinal).ToList();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var child in children)
        {
            var name = Path.GetFileName(child);
            if (!settings.RunChildren)
            {
                rows.Add([name, "not run (--no-children)", "-"]);
                continue;
            }
            var sw = Stopwatch.StartNew();
            Console.Error.WriteLine($"running {name} (up to {settings.ChildTimeout.TotalSeconds:0} s) ...");
            var (code, output) = await Processes.RunAsync("dotnet", ["run", "-c", "Release", "--project", child], Repo.Root,
                settings.ChildTimeout, ct);
            var outcome = code == 0 ? "ok" : code == -1 ? $"stopped after {settings.ChildTimeout.TotalSeconds:0} s" : $"failed (exit {code})";
            if (code > 0)
            {
                Console.Error.WriteLine(output.Length > 2000 ? output[^2000..] : output);
            }
            rows.Add([name, outcome, Report.F(sw.Elapsed.TotalSeconds, "0")]);
        }

        report.Heading("Other areas' benchmarks");
        report.Text("Run by this runner as child processes (`dotnet run -c Release --project bench/<name>`); their own tables follow, " +
            "as last written to `bench/results/` (a table from an earlier run is kept when a child failed or ran out of time).");
        report.Table(["benchmark", "this run", "seconds"], rows);
        var resultsDir = Path.Combine(benchDir, "results");
        if (Directory.Exists(resultsDir))
        {
            foreach (var file in Directory.GetFiles(resultsDir, "*.md").Order(StringComparer.Ordinal))
            {
                var text = await File.ReadAllTextAsync(file, ct);
                var stamp = File.GetLastWriteTimeUtc(file).ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
                // Demote the child's headings one level below this report's sections.
                var body = string.Join('\n', text.Split('\n').Select(l => l.StartsWith('#') ? "##" + l : l));
                report.Raw($"_From `bench/results/{Path.GetFileName(file)}` (written {stamp}):_\n\n{body}");
            }
        }
    }
}
