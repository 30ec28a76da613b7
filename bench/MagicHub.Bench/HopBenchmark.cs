namespace MagicHub.Bench;

/// <summary>
/// Gateway hop: <c>GET /alive</c> of the calls service straight, through the gateway (<c>/calls/alive</c>, YARP) and
/// through nginx in front of the same service instance (and through the gateway's Native AOT executable, as deployed,
/// when it is published); closed-loop maximum and a paced ~1,000 requests/s case.
/// </summary>
internal static class HopBenchmark
{
    public static async Task RunAsync(Report report, BenchSettings settings, CancellationToken ct)
    {
        var calls = Repo.Service("calls");
        var gateway = Repo.Service("gateway");
        // Requests carry a user's bearer token, so the gateway does its real per-request work: JWT validation (keys from
        // identity's JWKS; a validated token is remembered for Security:TokenValidationCacheDuration, so one gateway
        // target runs with that off to show the full check on every request), the revocation check and the per-user rate
        // limiter, whose quota is raised so that it counts but never rejects.
        // The calls service validates the same token on every path, whichever way the request came.
        await using var identity = ServiceHost.Start(Repo.Service("identity"));
        await identity.WaitHealthyAsync(ct: ct);
        await using var service = ServiceHost.Start(calls, addresses: new Dictionary<string, Uri> { ["identity"] = identity.BaseAddress });
        await service.WaitHealthyAsync(ct: ct);
        var gatewaySettings = new Dictionary<string, string>
        {
            ["Gateway__Services"] = "calls",
            ["GatewaySecurity__RateLimits__User__PermitLimit"] = "1000000000",
            ["GatewaySecurity__RateLimits__Anonymous__PermitLimit"] = "1000000000",
        };
        var gatewayAddresses = new Dictionary<string, Uri> { ["calls"] = service.BaseAddress, ["identity"] = identity.BaseAddress };
        await using var proxy = ServiceHost.Start(gateway, gatewaySettings, gatewayAddresses);
        await proxy.WaitHealthyAsync(ct: ct);
        // The gateway as deployed (deploy/build-images.sh): its Native AOT executable, when published.
        if (settings.Build && gateway.NativeExe is not null)
        {
            await Repo.PublishAsync([gateway], ct);
        }
        await using var nativeProxy = gateway.NativeExe is { } exe && File.Exists(exe)
            ? ServiceHost.Start(gateway, gatewaySettings, gatewayAddresses, binary: ServiceBinary.NativeAot) : null;
        await using var uncachedProxy = nativeProxy is not null
            ? ServiceHost.Start(gateway, new Dictionary<string, string>(gatewaySettings) { ["Security__TokenValidationCacheDuration"] = "00:00:00" },
                gatewayAddresses, binary: ServiceBinary.NativeAot)
            : null;
        foreach (var native in new[] { nativeProxy, uncachedProxy })
        {
            if (native is not null)
            {
                await native.WaitHealthyAsync(ct: ct);
            }
        }
        string token;
        using (var register = new HttpClient())
        {
            token = await PipelineBenchmark.RegisterAsync(register, identity.BaseAddress, "auth/register", ct);
        }
        var header = "Authorization: Bearer " + token;
        await using var nginx = await Nginx.StartAsync("calls", service.BaseAddress, ct);

        var targets = new List<(string Name, Uri Url)>
        {
            ("direct (baseline)", new Uri(service.BaseAddress, "alive")),
            ("gateway (YARP)", new Uri(proxy.BaseAddress, "calls/alive")),
        };
        if (nativeProxy is not null)
        {
            targets.Add(("gateway (YARP), Native AOT", new Uri(nativeProxy.BaseAddress, "calls/alive")));
        }
        if (uncachedProxy is not null)
        {
            targets.Add(("gateway (YARP), Native AOT, no token cache", new Uri(uncachedProxy.BaseAddress, "calls/alive")));
        }
        targets.Add(("nginx", new Uri($"http://127.0.0.1:{nginx.Port}/calls/alive")));
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            foreach (var (name, url) in targets)
            {
                using var response = await http.GetAsync(url, ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{name}: GET {url} answered {(int)response.StatusCode}.");
                }
            }
        }

        // Targets take turns in short slices (round robin) so a burst of load from other work on the machine hits all alike;
        // each figure is the median over the rounds.
        foreach (var (_, url) in targets)
        {
            await Wrk.MaxAsync(url, settings.Warmup, settings.Connections, header, ct); // JIT tiers and connection pools settle.
        }
        var loads = new (string Name, Func<Uri, Task<LoadResult>> Run)[]
        {
            ($"max, {settings.Connections} conns", url => Wrk.MaxAsync(url, settings.Duration, settings.Connections, header, ct)),
            ($"paced ~{settings.Rate}/s", url => Wrk.RateAsync(url, settings.Duration, settings.Rate, header, ct)),
        };
        var results = new List<(string Target, string Load, LoadResult Result)>();
        foreach (var (load, run) in loads)
        {
            var slices = targets.ToDictionary(t => t.Name, _ => new List<LoadResult>());
            for (var round = 0; round < settings.Rounds; round++)
            {
                foreach (var (name, url) in targets)
                {
                    var slice = await run(url);
                    slices[name].Add(slice);
                    Console.Error.WriteLine($"{name} {load} round {round + 1}: {slice}");
                }
            }
            results.AddRange(targets.Select(t => (t.Name, load, Median(slices[t.Name]))));
        }

        report.Heading("Gateway hop");
        report.Text($"`GET /alive` of the calls service (one instance) straight, through the gateway and through nginx {NginxVersion()} " +
            $"(2 workers, upstream keep-alive); wrk from its own process on loopback, {settings.Rounds} rounds of {settings.Duration.TotalSeconds:0} s per case, " +
            $"targets taking turns, after {settings.Warmup.TotalSeconds:0} s warm-up each; figures are medians over the rounds, req/s the mean. Paced = open-loop load at ~{settings.Rate} requests/s: {Wrk.PacedConnections} connections, each waiting an exponentially distributed delay between requests, so requests arrive as a Poisson stream (a fixed delay made the connections fire in bursts of up to {Wrk.PacedConnections} at once and measured the queue of a burst); achieved rate shown. Added = minus the direct baseline of the same load. " +
            "Every request carries a registered user's bearer token: the gateway validates it (ES256, keys from identity's JWKS; a " +
            "validated token is remembered for `Security__TokenValidationCacheDuration`, default 1 min, and the calls service does the same, " +
            "so \"no token cache\" is the Native AOT gateway with that set to 0: the full signature check on every request), checks revocation and " +
            "counts it in the per-user rate limiter (quota raised so it never rejects); errors = non-2xx answers and socket errors.");
        report.Table(["target", "load", "req/s", "p50 ms", "p99 ms", "max ms", "added p50 ms", "added p99 ms", "errors"],
            results.Select(r =>
            {
                var baseline = results.First(b => b.Load == r.Load).Result;
                return (IReadOnlyList<string>)[r.Target, r.Load, Report.F(r.Result.RequestsPerSecond, "0"), Report.F(r.Result.P50Ms, "0.000"),
                    Report.F(r.Result.P99Ms, "0.000"), Report.F(r.Result.MaxMs, "0.0"),
                    Report.F(r.Result.P50Ms - baseline.P50Ms, "+0.000;-0.000"), Report.F(r.Result.P99Ms - baseline.P99Ms, "+0.000;-0.000"),
                    r.Result.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            }));
        var invalid = results.Any(r => r.Result.Errors > 0);
        foreach (var gw in results.Where(r => r.Target.StartsWith("gateway", StringComparison.Ordinal) && r.Load.StartsWith("paced", StringComparison.Ordinal)))
        {
            var direct = results.First(r => r.Load == gw.Load).Result;
            var added = gw.Result.P99Ms - direct.P99Ms;
            var verdict = invalid ? "NOT valid: some requests failed" : added <= 5 ? "met" : "NOT met";
            report.Text($"{gw.Target}: added p99 at {gw.Result.RequestsPerSecond:0} req/s **{added:0.000} ms** (target ≤ 5 ms: {verdict}).");
        }
    }

    private static LoadResult Median(List<LoadResult> slices)
    {
        static double Mid(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
        return new LoadResult(Mid(slices.Select(s => s.P50Ms)), Mid(slices.Select(s => s.P99Ms)), slices.Max(s => s.MaxMs),
            slices.Average(s => s.RequestsPerSecond), slices.Sum(s => s.Requests), slices.Sum(s => s.Errors));
    }

    private static string NginxVersion()
    {
        try
        {
            var (_, output) = Processes.RunAsync("nginx", ["-v"], null, TimeSpan.FromSeconds(5), CancellationToken.None).GetAwaiter().GetResult();
            return output.Trim().Split('/').LastOrDefault() ?? "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
