namespace MagicHub.Bench;

/// <summary>
/// Service footprint: per service and runtime profile, the time from process start to <c>/health</c> 200 and the idle
/// RSS a few seconds later; for transcription also the decoders' memory (RSS after the first transcription minus idle).
/// </summary>
internal static class FootprintBenchmark
{
    /// <summary>Switch of the one-off post-start collection (StartupHeapCompaction in MagicHub.ServiceDefaults).</summary>
    private const string CompactOff = "Runtime__CompactAfterStart";

    /// <summary>A runtime profile: published (ReadyToRun) or build output, and environment overrides of its runtimeconfig.</summary>
    internal sealed record Profile(string Name, bool Published, Dictionary<string, string> Env);

    /// <summary>
    /// The first is the comparison baseline (the SDK's defaults: server GC, plain IL, no post-start collection); each
    /// single-setting profile adds one setting to it; the last two are the build as run by run.sh and as deployed.
    /// </summary>
    public static readonly IReadOnlyList<Profile> Profiles =
    [
        new("SDK default: server GC, IL", false, new() { ["DOTNET_gcServer"] = "1", ["DOTNET_gcConcurrent"] = "1", [CompactOff] = "false" }),
        new("workstation GC", false, new() { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "1", [CompactOff] = "false" }),
        new("GC after start", false, new() { ["DOTNET_gcServer"] = "1", ["DOTNET_gcConcurrent"] = "1" }),
        new("ReadyToRun", true, new() { ["DOTNET_gcServer"] = "1", ["DOTNET_gcConcurrent"] = "1", [CompactOff] = "false" }),
        new("as built (dotnet build)", false, new()),
        new("as published (R2R)", true, new()),
    ];

    private static readonly string Shipped = Profiles[^1].Name;

    public static async Task RunAsync(Report report, BenchSettings settings, CancellationToken ct)
    {
        var services = Repo.Services().Where(s => settings.Services is null || settings.Services.Contains(s.Name)).ToList();
        if (settings.Build)
        {
            // The transcription model reading also runs identity (for a user token).
            var needed = services.Any(s => s.Name == "transcription") && services.All(s => s.Name != "identity")
                ? [.. services, Repo.Service("identity")] : services;
            await Repo.PublishAsync(needed, ct);
        }
        var results = new Dictionary<(string Service, string Profile), (TimeSpan Healthy, double Rss)>();
        var models = new List<IReadOnlyList<string>>();
        foreach (var service in services)
        {
            foreach (var (profile, published, env) in Profiles)
            {
                await using var host = ServiceHost.Start(service, env, published: published);
                var healthy = await host.WaitHealthyAsync(ct: ct);
                await Task.Delay(settings.Settle, ct);
                var rss = host.RssMb();
                results[(service.Name, profile)] = (healthy, rss);
                Console.Error.WriteLine($"{service.Name} [{profile}]: healthy {healthy.TotalMilliseconds:0} ms, RSS {rss:0.0} MB");
                if (service.Name == "transcription" && profile == Shipped && settings.Sample is { } sample)
                {
                    models.Add(await ModelMemoryAsync(service, Repo.Service("identity"), published, env, settings, sample, ct));
                }
            }
        }

        var baseline = Profiles[0].Name;
        var builtIn = Shipped;
        report.Heading("Service footprint");
        report.Text($"Each service's Release dll (`dotnet build -c Release` output, or `dotnet publish -c Release` output = ReadyToRun) " +
            $"started with `dotnet exec` on a free loopback port with an empty temp `Data__Directory` " +
            $"(SQLite); other services' addresses point at a closed port. Healthy = process start to the first `/health` 200 " +
            $"(polled every 10 ms); idle RSS = VmRSS {settings.Settle.TotalSeconds:0} s later. Profiles are environment overrides " +
            $"of the runtimeconfig; \"{baseline}\" (the ASP.NET Core SDK defaults, build output, no post-start GC) is the baseline; " +
            $"each next column adds one setting to it; the last two are the build as `run.sh` runs it and as deployed.");
        report.Text("Start-up to healthy (ms):");
        report.Table(["service", .. Profiles.Select(p => p.Name)],
            services.Select(s => (IReadOnlyList<string>)[s.Name, .. Profiles.Select(p => Report.F(results[(s.Name, p.Name)].Healthy.TotalMilliseconds, "0"))]));
        report.Text("Idle RSS (MB; in brackets relative to the baseline):");
        report.Table(["service", .. Profiles.Select(p => p.Name)],
            services.Select(s => (IReadOnlyList<string>)[s.Name, .. Profiles.Select(p =>
            {
                var rss = results[(s.Name, p.Name)].Rss;
                return $"{Report.F(rss, "0.0")} ({Report.F(rss / results[(s.Name, baseline)].Rss * 100, "0")}%)";
            })]));
        var worstRss = services.Max(s => results[(s.Name, builtIn)].Rss);
        var worstStart = services.Max(s => results[(s.Name, builtIn)].Healthy.TotalMilliseconds);
        report.Text($"As published: largest idle RSS {worstRss:0.0} MB (target ≤ 50 MB: {(worstRss <= 50 ? "met" : "NOT met")}), " +
            $"slowest start to healthy {worstStart:0} ms (target ≤ 1000 ms: {(worstStart <= 1000 ? "met" : "NOT met")}).");
        if (models.Count > 0)
        {
            report.Text("Transcription: the service's own idle footprint vs the speech model memory. Decoders load on first demand " +
                "(none at idle); model RSS = RSS after the first transcription of the sample by a second instance (the user token from a running identity service) minus that instance's idle RSS.");
            report.Table(["profile", "idle RSS MB (service)", "RSS after first call MB", "model RSS MB", "first call s"], models);
        }
    }

    /// <summary>
    /// Transcription's model memory: a second instance of it, trusting a running identity service, gets one
    /// transcription from a registered user; model RSS = RSS after it minus the instance's own idle RSS.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ModelMemoryAsync(ServiceProject transcription, ServiceProject identity, bool published,
        Dictionary<string, string> env, BenchSettings settings, string sample, CancellationToken ct)
    {
        await using var identityHost = ServiceHost.Start(identity, published: published);
        await identityHost.WaitHealthyAsync(ct: ct);
        var addresses = new Dictionary<string, Uri> { ["identity"] = identityHost.BaseAddress };
        await using var host = ServiceHost.Start(transcription, env, addresses, published: published);
        await host.WaitHealthyAsync(ct: ct);
        await Task.Delay(settings.Settle, ct);
        var idle = host.RssMb();

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await PipelineBenchmark.RegisterAsync(http, new Uri(identityHost.BaseAddress, "/"), "auth/register", ct));
        using var form = await Upload.JsonAsync(sample, ct);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.PostAsync(new Uri(host.BaseAddress, "transcribe"), form, ct);
        var seconds = sw.Elapsed.TotalSeconds;
        var profile = Shipped;
        if (!response.IsSuccessStatusCode)
        {
            return [profile, Report.F(idle, "0.0"), $"POST /transcribe answered {(int)response.StatusCode}", "-", "-"];
        }
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var after = host.RssMb();
        return [profile, Report.F(idle, "0.0"), Report.F(after, "0.0"), Report.F(after - idle, "0.0"), Report.F(seconds, "0.0")];
    }
}
