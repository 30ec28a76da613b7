using System.Globalization;

namespace MagicHub.Bench;

/// <summary>Command-line settings of a run (all bounded).</summary>
internal sealed record BenchSettings
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(4);
    public int Rounds { get; init; } = 3;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public int Connections { get; init; } = 32;
    public int Rate { get; init; } = 1000;
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);
    public string? SamplesDirectory { get; init; } = "/work/shared/samples/calls";
    public bool RunChildren { get; init; } = true;
    public bool Build { get; init; } = true;

    /// <summary>Services the footprint benchmark measures (catalog names); null for all.</summary>
    public IReadOnlySet<string>? Services { get; init; }
    public TimeSpan ChildTimeout { get; init; } = TimeSpan.FromSeconds(300);
    public string Output { get; init; } = Path.Combine(Repo.Root, "bench", "RESULTS.md");

    /// <summary>
    /// The bound on the whole run: builds, publishes (Native AOT ~2 min per service on 2 cores) and measurements; a run that
    /// reaches it stops and writes nothing.
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>The first stereo sample, used for the transcription model-memory reading.</summary>
    public string? Sample => SamplesDirectory is { } dir && Directory.Exists(dir)
        ? Directory.GetFiles(dir, "*.stereo.wav").Order(StringComparer.Ordinal).FirstOrDefault()
        : null;

    public static BenchSettings Parse(IEnumerable<string> options)
    {
        var settings = new BenchSettings();
        foreach (var option in options)
        {
            var (key, value) = option.Split('=', 2) is [var k, var v] ? (k, v) : (option, "");
            settings = key switch
            {
                "--duration" => settings with { Duration = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--rounds" => settings with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--connections" => settings with { Connections = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => settings with { Rate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--samples" => settings with { SamplesDirectory = value },
                "--output" => settings with { Output = Path.GetFullPath(value) },
                "--child-timeout" => settings with { ChildTimeout = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--time-limit" => settings with { TimeLimit = TimeSpan.FromMinutes(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--no-children" => settings with { RunChildren = false },
                "--no-build" => settings with { Build = false },
                "--services" => settings with { Services = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) },
                _ => throw new ArgumentException($"Unknown option '{option}'."),
            };
        }
        return settings;
    }
}
