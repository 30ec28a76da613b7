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
        try
        {
            foreach (var service in services)
            {
                hosts.Add(ServiceHost.Start(service, null, addresses, ports[service.Name]));
            }
            await Task.WhenAll(hosts.Select(h => h.WaitHealthyAsync(ct: ct)));
            var gateway = hosts.Single(h => h.Service.Name == "gateway");
            var transcription = hosts.Single(h => h.Service.Name == "transcription");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };

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
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<(int Status, double Seconds)> PostAsync(HttpClient http, Uri url, string path, bool json, CancellationToken ct)
    {
        using var form = json ? await Upload.JsonAsync(path, ct) : await Upload.MultipartAsync(path, ct);
        var sw = Stopwatch.StartNew();
        using var response = await http.PostAsync(url, form, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return ((int)response.StatusCode, sw.Elapsed.TotalSeconds);
    }
}
