namespace MagicHub.Bench;

/// <summary>
/// Service footprint: per service and runtime profile, the time from process start to <c>/health</c> 200 and the idle
/// RSS a few seconds later; for transcription also the decoders' memory (RSS after the first transcription minus idle).
/// </summary>
internal static class FootprintBenchmark
{
    /// <summary>Switch of the one-off post-start collection (StartupHeapCompaction in MagicHub.ServiceDefaults).</summary>
    private const string CompactOff = "Runtime__CompactAfterStart";

    /// <summary>A runtime profile: which output of the service runs, and environment overrides of its runtimeconfig.</summary>
    internal sealed record Profile(string Name, ServiceBinary Binary, Dictionary<string, string> Env);

    /// <summary>
    /// The first is the comparison baseline (the SDK's defaults: server GC, plain IL, no post-start collection); each
    /// single-setting profile adds one setting to it; then the build as run by run.sh, as published (ReadyToRun) and,
    /// for the services whose project is AOT compatible, as published Native AOT.
    /// </summary>
    public static readonly IReadOnlyList<Profile> Profiles =
    [
        new("SDK default: server GC, IL", ServiceBinary.Build, new() { ["DOTNET_gcServer"] = "1", ["DOTNET_gcConcurrent"] = "1", [CompactOff] = "false" }),
        new("workstation GC", ServiceBinary.Build, new() { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "1", [CompactOff] = "false" }),
        new("GC after start", ServiceBinary.Build, new() { ["DOTNET_gcServer"] = "1", ["DOTNET_gcConcurrent"] = "1" }),
        new("ReadyToRun", ServiceBinary.Published, new() { ["DOTNET_gcServer"] = "1", ["DOTNET_gcConcurrent"] = "1", [CompactOff] = "false" }),
        new("as built (dotnet build)", ServiceBinary.Build, new()),
        new("as published (R2R)", ServiceBinary.Published, new()),
        new("as published (Native AOT)", ServiceBinary.NativeAot, new()),
    ];

    /// <summary>Starts of the shipped profile per service; its figures are the medians.</summary>
    private const int ShippedRuns = 3;

    /// <summary>One start's figures: time to healthy and idle RSS with its file-backed and own parts (MB).</summary>
    private sealed record Reading(TimeSpan Healthy, double Rss, double File, double Own);

    private static readonly Profile ReadyToRunPublish = Profiles[^2];
    private static readonly Profile NativeAotPublish = Profiles[^1];

    /// <summary>The profile a service is deployed with: Native AOT where its project allows it, else ReadyToRun.</summary>
    private static Profile Shipped(ServiceProject service) => service.NativeExe is null ? ReadyToRunPublish : NativeAotPublish;

    public static async Task RunAsync(Report report, BenchSettings settings, CancellationToken ct)
    {
        var services = Repo.Services().Where(s => settings.Services is null || settings.Services.Contains(s.Name)).ToList();
        var identity = Repo.Service("identity");
        if (settings.Build)
        {
            // Every other service runs beside an identity service, as deployed (and the transcription model reading gets a user token from it).
            var needed = services.All(s => s.Name != "identity") ? [.. services, identity] : services;
            await Repo.PublishAsync([.. needed, Repo.Floor()], ct);
        }
        // As deployed, every service can reach identity: it fetches identity's revocation list in the background. Measured with
        // identity unreachable instead, the idle RSS would include the retries' exceptions and error logging (~3 MB more).
        await using var identityHost = ServiceHost.Start(identity, binary: Shipped(identity).Binary);
        await identityHost.WaitHealthyAsync(ct: ct);
        var withIdentity = new Dictionary<string, Uri> { ["identity"] = identityHost.BaseAddress };
        var results = new Dictionary<(string Service, string Profile), Reading>();
        var models = new List<IReadOnlyList<string>>();
        foreach (var service in services)
        {
            foreach (var (profile, binary, env) in Profiles)
            {
                if (binary == ServiceBinary.NativeAot && service.NativeExe is null)
                {
                    continue;
                }
                // The shipped profile is the one the targets are read on: median of several starts.
                var runs = profile == Shipped(service).Name ? ShippedRuns : 1;
                var readings = new List<Reading>();
                for (var run = 0; run < runs; run++)
                {
                    await using var host = ServiceHost.Start(service, env, service.Name == "identity" ? null : withIdentity, binary: binary);
                    var healthy = await host.WaitHealthyAsync(ct: ct);
                    await Task.Delay(settings.Settle, ct);
                    var (rss, file, own) = Processes.RssBreakdownMb(host.Pid);
                    readings.Add(new Reading(healthy, rss, file, own));
                    Console.Error.WriteLine($"{service.Name} [{profile}] run {run + 1}: healthy {healthy.TotalMilliseconds:0} ms, RSS {rss:0.0} MB (file {file:0.0}, own {own:0.0})");
                }
                var byRss = readings.OrderBy(r => r.Rss).ElementAt(runs / 2);
                results[(service.Name, profile)] = byRss with { Healthy = readings.Select(r => r.Healthy).Order().ElementAt(runs / 2) };
                if (service.Name == "transcription" && profile == Shipped(service).Name && settings.Sample is { } sample)
                {
                    models.Add(await ModelMemoryAsync(service, Repo.Service("identity"), profile, binary, env, settings, sample, ct));
                }
            }
        }

        // The runtime floor of each deployment kind, measured like the services' shipped profiles.
        var floor = new Dictionary<ServiceBinary, Reading>();
        foreach (var binary in new[] { ServiceBinary.Published, ServiceBinary.NativeAot })
        {
            var readings = new List<Reading>();
            for (var run = 0; run < ShippedRuns; run++)
            {
                await using var host = ServiceHost.Start(Repo.Floor(), binary: binary);
                var healthy = await host.WaitHealthyAsync(ct: ct);
                await Task.Delay(settings.Settle, ct);
                var (rss, file, own) = Processes.RssBreakdownMb(host.Pid);
                readings.Add(new Reading(healthy, rss, file, own));
                Console.Error.WriteLine($"floor [{binary}] run {run + 1}: healthy {healthy.TotalMilliseconds:0} ms, RSS {rss:0.0} MB (file {file:0.0}, own {own:0.0})");
            }
            floor[binary] = readings.OrderBy(r => r.Rss).ElementAt(ShippedRuns / 2) with
            {
                Healthy = readings.Select(r => r.Healthy).Order().ElementAt(ShippedRuns / 2),
            };
        }

        var baseline = Profiles[0].Name;
        report.Heading("Service footprint");
        report.Text($"Each service's Release dll (`dotnet build -c Release` output, or `dotnet publish -c Release` output = ReadyToRun) " +
            $"started with `dotnet exec` on a free loopback port with an empty temp `Data__Directory` " +
            $"(SQLite), or the Native AOT executable (`-r linux-x64 -p:PublishAot=true`, services whose project sets `IsAotCompatible`; " +
            $"\"-\" for the others); one identity service (as deployed) runs beside them and the other services' addresses point at a closed port. Healthy = process start to the first `/health` 200 " +
            $"(polled every 10 ms); idle RSS = VmRSS {settings.Settle.TotalSeconds:0} s later. Profiles are environment overrides " +
            $"of the runtimeconfig; \"{baseline}\" (the ASP.NET Core SDK defaults, build output, no post-start GC) is the baseline; " +
            $"each next column adds one setting to it; then the build as `run.sh` runs it, as published ReadyToRun and as published Native AOT.");
        report.Text("Start-up to healthy (ms):");
        report.Table(["service", .. Profiles.Select(p => p.Name)],
            services.Select(s => (IReadOnlyList<string>)[s.Name, .. Profiles.Select(p =>
                results.TryGetValue((s.Name, p.Name), out var r) ? Report.F(r.Healthy.TotalMilliseconds, "0") : "-")]));
        report.Text("Idle RSS (MB; in brackets relative to the baseline):");
        report.Table(["service", .. Profiles.Select(p => p.Name)],
            services.Select(s => (IReadOnlyList<string>)[s.Name, .. Profiles.Select(p =>
            {
                if (!results.TryGetValue((s.Name, p.Name), out var r))
                {
                    return "-";
                }
                var rss = r.Rss;
                return $"{Report.F(rss, "0.0")} ({Report.F(rss / results[(s.Name, baseline)].Rss * 100, "0")}%)";
            })]));
        report.Text($"As deployed (median of {ShippedRuns} starts each): idle RSS by kind. File-backed = pages mapped from the runtime, " +
            "the assemblies and native libraries, or the Native AOT executable: clean page-cache pages, shared by every process that " +
            "maps the same files (services on one host share the .NET runtime's). Own = anonymous and JIT (memfd) pages: the GC heap, " +
            "JIT-compiled code, the runtime's type data and native allocations.");
        report.Table(["service", "deployed as", "healthy ms", "idle RSS MB", "file-backed MB", "own MB", "RSS vs floor"],
            services.Select(s =>
            {
                var r = results[(s.Name, Shipped(s).Name)];
                var f = floor[s.NativeExe is null ? ServiceBinary.Published : ServiceBinary.NativeAot];
                return (IReadOnlyList<string>)[s.Name, s.NativeExe is null ? "ReadyToRun" : "Native AOT", Report.F(r.Healthy.TotalMilliseconds, "0"),
                    Report.F(r.Rss, "0.0"), Report.F(r.File, "0.0"), Report.F(r.Own, "0.0"), Report.F(r.Rss / f.Rss, "0.00") + "×"];
            }));
        report.Text($"Runtime floor (median of {ShippedRuns} starts each, same run): `bench/MagicHub.Bench.EmptyWeb`, the default ASP.NET Core " +
            "host (`WebApplication.CreateBuilder`) answering only `/health`, published like the services. \"RSS vs floor\" above divides each " +
            "service's idle RSS by the floor of its deployment kind.");
        report.Table(["floor app", "healthy ms", "idle RSS MB", "file-backed MB", "own MB"],
            floor.Select(kv => (IReadOnlyList<string>)[kv.Key == ServiceBinary.NativeAot ? "Native AOT" : "ReadyToRun",
                Report.F(kv.Value.Healthy.TotalMilliseconds, "0"), Report.F(kv.Value.Rss, "0.0"), Report.F(kv.Value.File, "0.0"), Report.F(kv.Value.Own, "0.0")]));
        var worstRss = services.Max(s => results[(s.Name, Shipped(s).Name)].Rss);
        var worstStart = services.Max(s => results[(s.Name, Shipped(s).Name)].Healthy.TotalMilliseconds);
        string Within(Func<Reading, bool> holds)
        {
            var names = services.Where(s => holds(results[(s.Name, Shipped(s).Name)])).Select(s => s.Name).ToList();
            return names.Count == services.Count ? "all" : names.Count == 0 ? "none" : string.Join(", ", names);
        }
        report.Text($"As deployed (Native AOT where the service allows it, else ReadyToRun): largest idle RSS {worstRss:0.0} MB (target ≤ 50 MB: {(worstRss <= 50 ? "met" : "NOT met")}; " +
            $"within it: {Within(r => r.Rss <= 50)}), slowest start to healthy {worstStart:0} ms (target ≤ 1000 ms: {(worstStart <= 1000 ? "met" : "NOT met")}; " +
            $"within it: {Within(r => r.Healthy.TotalMilliseconds <= 1000)}).");
        if (services.FirstOrDefault(s => s.Name == "gateway" && s.NativeExe is not null) is { } gateway)
        {
            var checks = await NativeAotGatewayCheck.RunAsync(gateway, settings.Build, ct);
            report.Text("Native AOT gateway in front of the extraction service (anonymous quota lowered to 5/min):");
            report.Raw(string.Join('\n', checks.Select(line => "- " + line)));
        }
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
    private static async Task<IReadOnlyList<string>> ModelMemoryAsync(ServiceProject transcription, ServiceProject identity, string profile, ServiceBinary binary,
        Dictionary<string, string> env, BenchSettings settings, string sample, CancellationToken ct)
    {
        await using var identityHost = ServiceHost.Start(identity, binary: binary == ServiceBinary.NativeAot ? ServiceBinary.Published : binary);
        await identityHost.WaitHealthyAsync(ct: ct);
        var addresses = new Dictionary<string, Uri> { ["identity"] = identityHost.BaseAddress };
        await using var host = ServiceHost.Start(transcription, env, addresses, binary: binary);
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
        if (!response.IsSuccessStatusCode)
        {
            return [profile, Report.F(idle, "0.0"), $"POST /transcribe answered {(int)response.StatusCode}", "-", "-"];
        }
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var after = host.RssMb();
        return [profile, Report.F(idle, "0.0"), Report.F(after, "0.0"), Report.F(after - idle, "0.0"), Report.F(seconds, "0.0")];
    }
}
