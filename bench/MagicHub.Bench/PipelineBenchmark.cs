using System.Diagnostics;

namespace MagicHub.Bench;

/// <summary>
/// Pipeline overhead: per sample call, the gateway's <c>POST /api/transcribe/</c> (the whole pipeline) end to end vs the
/// transcription service's own <c>POST /transcribe</c> (the raw speech engine) on the same file, all services running.
/// </summary>
internal static class PipelineBenchmark
{
    public static async Task RunAsync(Report report, BenchSettings settings, CancellationToken ct)
    {
        report.Heading("Pipeline");
        var samples = settings.SamplesDirectory is { } dir && Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.stereo.wav").Order(StringComparer.Ordinal).ToList()
            : [];
        if (samples.Count == 0)
        {
            report.Text($"No `*.stereo.wav` sample calls in `{settings.SamplesDirectory}`: pipeline not measured.");
            return;
        }

        var services = Repo.Services();
        var ports = services.ToDictionary(s => s.Name, _ => Processes.FreePort());
        var addresses = ports.ToDictionary(p => p.Key, p => new Uri($"http://127.0.0.1:{p.Value}/"));
        var hosts = new List<ServiceHost>();
        // One platform: the services share the secret they mint service tokens with, as under the AppHost.
        var environment = new Dictionary<string, string> { ["Identity__AccessTokenLifetime"] = "01:00:00", ["Security__ServiceSecret"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) };
        try
        {
            foreach (var service in services)
            {
                hosts.Add(ServiceHost.Start(service, environment, addresses, ports[service.Name]));
            }
            await Task.WhenAll(hosts.Select(h => h.WaitHealthyAsync(ct: ct)));
            await Task.Delay(settings.Settle, ct);
            PlatformMemory(report, hosts);
            var gateway = hosts.Single(h => h.Service.Name == "gateway");
            var transcription = hosts.Single(h => h.Service.Name == "transcription");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await RegisterAsync(http, gateway.BaseAddress, "identity/auth/register", ct));

            var probe = await PostAsync(http, new Uri(gateway.BaseAddress, "api/transcribe/"), samples[0], json: false, ct);
            if (probe.Status is 404 or 405)
            {
                report.Text($"The pipeline is not available: the gateway answered {probe.Status} to `POST /api/transcribe/` " +
                    "(not built yet); rerun `pipeline` once it exists.");
                Console.Error.WriteLine("pipeline: not available (gateway answered " + probe.Status + ")");
                return;
            }

            var rows = new List<IReadOnlyList<string>>();
            double totalPipe = 0, totalRaw = 0;
            foreach (var sample in samples)
            {
                var raw = await PostAsync(http, new Uri(transcription.BaseAddress, "transcribe"), sample, json: true, ct);
                var pipe = await PostAsync(http, new Uri(gateway.BaseAddress, "api/transcribe/"), sample, json: false, ct);
                totalPipe += pipe.Seconds;
                totalRaw += raw.Seconds;
                rows.Add([Path.GetFileName(sample), Report.F(raw.Seconds, "0.00"), raw.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Report.F(pipe.Seconds, "0.00"), pipe.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Report.F(pipe.Seconds - raw.Seconds, "+0.00;-0.00"), Report.F(pipe.Seconds / raw.Seconds, "0.00")]);
                Console.Error.WriteLine($"{Path.GetFileName(sample)}: raw {raw.Seconds:0.00} s, pipeline {pipe.Seconds:0.00} s");
            }
            report.Text("All services started from their Release dlls on free loopback ports, addressed to each other. Raw = the " +
                "transcription service's `POST /transcribe` (decode + VAD + PocketSphinx) straight, JSON upload; pipeline = the gateway's " +
                "`POST /api/transcribe/` end to end (multipart), same file, one after the other. The first pipeline call (probe, not counted) warmed both paths.");
            report.Table(["call", "raw engine s", "raw status", "pipeline s", "pipeline status", "overhead s", "ratio"], rows);
            report.Text($"Total: pipeline {totalPipe:0.00} s vs raw engine {totalRaw:0.00} s (ratio {totalPipe / totalRaw:0.00}).");
            await ThroughputAsync(report, http, gateway.BaseAddress, samples, ct);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Each service's idle memory while the whole platform runs on one host: RSS, PSS and private pages.</summary>
    private static void PlatformMemory(Report report, IReadOnlyList<ServiceHost> hosts)
    {
        var rows = hosts.Select(h => (h.Service.Name, Memory: Processes.SharingMb(h.Pid))).ToList();
        report.Text($"Idle memory with the whole platform running ({rows.Count} services from their Release dlls, as `run.sh` runs them, " +
            "healthy and settled, before any call): RSS counts every resident page the process maps; PSS divides each page shared " +
            "with other processes (the .NET runtime and framework assemblies mapped by every service) among them; private = pages " +
            "no other process maps. The sum of PSS is the platform's real memory.");
        report.Table(["service", "RSS MB", "PSS MB", "private MB"],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.Name, Report.F(r.Memory.Rss, "0.0"), Report.F(r.Memory.Pss, "0.0"), Report.F(r.Memory.Private, "0.0")]),
             ["**total**", Report.F(rows.Sum(r => r.Memory.Rss), "0.0"), Report.F(rows.Sum(r => r.Memory.Pss), "0.0"), Report.F(rows.Sum(r => r.Memory.Private), "0.0")]]);
    }

    /// <summary>Calls per minute at full load: every sample submitted three times at once to <c>POST /api/calls</c>.</summary>
    private static async Task ThroughputAsync(Report report, HttpClient http, Uri gateway, IReadOnlyList<string> samples, CancellationToken ct)
    {
        const int Rounds = 3;
        var sw = Stopwatch.StartNew();
        var jobs = new List<string>();
        foreach (var sample in Enumerable.Range(0, Rounds).SelectMany(_ => samples))
        {
            using var form = await Upload.MultipartAsync(sample, ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "api/calls")) { Content = form };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request, ct);
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            jobs.AddRange(body.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("job_id").GetString()!));
        }
        var completed = 0;
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (completed < jobs.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, ct);
            using var list = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(gateway, "api/calls?status=completed"), ct));
            // Only this batch: the timed /api/transcribe/ calls before it are completed calls too.
            completed = list.RootElement.EnumerateArray().Count(job => jobs.Contains(job.GetProperty("job_id").GetString()!));
        }
        var minutes = sw.Elapsed.TotalMinutes;
        report.Text($"Full load: {jobs.Count} calls ({Rounds} × each sample, distinct idempotency keys) submitted at once through " +
            $"`POST /api/calls`: {completed} completed in {sw.Elapsed.TotalSeconds:0.0} s = **{completed / minutes:0.0} calls per minute** " +
            $"({samples.Count * Rounds} × {SampleMinutes(samples):0.00} min of audio on this machine).");
    }

    private static double SampleMinutes(IReadOnlyList<string> samples) =>
        samples.Average(path => (new FileInfo(path).Length - 44) / (16000.0 * 2 * 2)) / 60;

    /// <summary>Registers a new tenant and owner at <paramref name="baseAddress"/> + <paramref name="path"/>; returns the access token.</summary>
    internal static async Task<string> RegisterAsync(HttpClient http, Uri baseAddress, string path, CancellationToken ct)
    {
        using var response = await http.PostAsync(new Uri(baseAddress, path), System.Net.Http.Json.JsonContent.Create(new
        {
            tenant_name = "bench", email = $"bench-{Guid.NewGuid():N}@bench.test", password = "Bench-password-" + Guid.NewGuid().ToString("N"),
        }), ct);
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<(int Status, double Seconds)> PostAsync(HttpClient http, Uri url, string path, bool json, CancellationToken ct)
    {
        using var form = json ? await Upload.JsonAsync(path, ct) : await Upload.MultipartAsync(path, ct);
        var sw = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        // A distinct idempotency key, so the same recording is analyzed again rather than answered from the first run.
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return ((int)response.StatusCode, sw.Elapsed.TotalSeconds);
    }
}
