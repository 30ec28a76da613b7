using System.Diagnostics;
using System.Globalization;
using MagicHub.Bench;

// MagicHub benchmark runner. Usage (from the repository root):
//   dotnet run -c Release --project bench/MagicHub.Bench -- <hop|footprint|pipeline|children|all> [options]
// Options: --duration=4 --rounds=3 --connections=32 --rate=1000 --samples=DIR --output=FILE --child-timeout=300 --no-children --no-build --time-limit=60
//          --services=gateway,extraction (footprint only: measure just these)
string[] modes = ["hop", "footprint", "pipeline", "children", "all"];
if (args.Length == 0 || !modes.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench/MagicHub.Bench -- <{string.Join('|', modes)}> [--duration=4] [--rounds=3] " +
        "[--connections=32] [--rate=1000] [--samples=DIR] [--output=FILE] [--child-timeout=300] [--no-children] [--no-build] [--services=a,b] [--time-limit=60]");
    return 2;
}

var mode = args[0];
var settings = BenchSettings.Parse(args.Skip(1));
using var cancel = new CancellationTokenSource(settings.TimeLimit);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
var clock = Stopwatch.StartNew();
var report = new Report();

if (settings.Build && mode != "children")
{
    await Repo.BuildAsync(Repo.Services().Where(s => settings.Services is null || settings.Services.Contains(s.Name)), ct);
}

if (mode is "hop" or "all")
{
    await HopBenchmark.RunAsync(report, settings, ct);
}
if (mode is "footprint" or "all")
{
    await FootprintBenchmark.RunAsync(report, settings, ct);
}
if (mode is "pipeline" or "all")
{
    await PipelineBenchmark.RunAsync(report, settings, ct);
}
if (mode is "children" or "all")
{
    await ChildBenchmarks.RunAsync(report, settings, ct);
}

var header = $"""
    # MagicHub benchmark results

    Regenerate: `dotnet run -c Release --project bench/MagicHub.Bench -- {string.Join(' ', args)}` (from the repository root;
    needs `wrk` and `nginx-light`, see `scripts/deps/bench.sh`). Mode `{mode}`, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC,
    {Environment.ProcessorCount} cores, .NET {Environment.Version}, {clock.Elapsed.TotalSeconds:0} s. The machine is shared with other builds:
    read each figure against the baseline measured in the same run, not as an absolute.


    """;
await File.WriteAllTextAsync(settings.Output, header + report, ct);
Console.Error.WriteLine($"wrote {settings.Output} in {clock.Elapsed.TotalSeconds:0} s");
return 0;
