using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MagicHub.Bench.Media;
using MagicHub.Media.Contracts;

// Uploads a generated file (default 1 GiB) to a real media service process on loopback through the filesystem backend,
// three ways, and prints the service's peak RSS growth and throughput next to raw disk baselines from the same run.
var sizeMb = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
var size = sizeMb * 1024L * 1024L;
var repo = FindRepoRoot();
var work = Path.Combine(Path.GetTempPath(), "magichub-bench-media", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);

await using var service = await MediaServiceProcess.StartAsync(repo, work);
using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromMinutes(20) };
http.DefaultRequestHeaders.Add(MediaClient.TenantHeader, "bench");
var probe = new MemoryProbe(service.Pid);

// Warm-up: JIT, database, connection pool.
foreach (var seed in new[] { 101, 102 })
{
    var warm = await Uploads.RawAsync(http, 4 << 20, seed);
    await http.DeleteAsync($"media/{warm.Id}");
}
GC.Collect();
await Task.Delay(500);

var rows = new List<string[]>();
async Task MeasureUploadAsync(string name, Func<Task<MediaItemResponse>> upload)
{
    var clock = Stopwatch.StartNew();
    var (item, before, peak) = await probe.MeasureAsync(upload);
    clock.Stop();
    if (item.Size != size) throw new InvalidOperationException($"{name}: stored {item.Size} bytes, sent {size}");
    rows.Add([name, Mbps(size, clock.Elapsed), $"{clock.Elapsed.TotalSeconds:F1}", Mb(before), Mb(peak), Mb(peak - before)]);
    Console.Error.WriteLine($"{name}: {Mbps(size, clock.Elapsed)} MB/s, RSS growth {Mb(peak - before)} MB");
    await http.DeleteAsync($"media/{item.Id}");
}

await MeasureUploadAsync("service: raw body PUT", () => Uploads.RawAsync(http, size, 1));
await MeasureUploadAsync("service: multipart POST", () => Uploads.MultipartAsync(http, size, 2));
await MeasureUploadAsync("service: resumable, 64 MiB PATCH chunks + complete", () => Uploads.ResumableAsync(http, size, 3, 64 << 20));

foreach (var (name, hash) in new[] { ("baseline: FileStream copy of the generated stream (+fsync), no HTTP", false), ("baseline: FileStream copy + SHA-256 (+fsync), no HTTP", true) })
{
    var elapsed = Baseline.Copy(work, size, hash);
    rows.Add([name, Mbps(size, elapsed), $"{elapsed.TotalSeconds:F1}", "", "", ""]);
}

var table = new StringBuilder()
    .AppendLine(CultureInfo.InvariantCulture, $"Upload of a {sizeMb} MiB WAV generated on the fly, filesystem backend, service in its own process on loopback ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}).")
    .AppendLine()
    .AppendLine("| scenario | MB/s | seconds | service RSS before (MB) | service peak RSS (MB) | peak RSS growth (MB) |")
    .AppendLine("|---|---:|---:|---:|---:|---:|");
foreach (var row in rows)
{
    table.AppendLine("| " + string.Join(" | ", row) + " |");
}
Console.WriteLine(table);
var results = Path.Combine(repo, "bench", "results", "media.md");
Directory.CreateDirectory(Path.GetDirectoryName(results)!);
await File.WriteAllTextAsync(results, "# Media service: streaming upload benchmark\n\n" +
    "`dotnet run -c Release --project bench/MagicHub.Bench.Media [size-in-MiB]`\n\n" + table +
    "\nPeak RSS is sampled from /proc every 10 ms and from VmHWM (reset with clear_refs before each upload). " +
    "MB/s = MiB sent / wall time; each upload is SHA-256 hashed, sniffed, written to a temp file, fsynced and renamed into place.\n");
Directory.Delete(work, recursive: true);
return 0;

static string Mbps(long bytes, TimeSpan elapsed) => (bytes / 1048576.0 / elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);
static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "MagicHub.slnx"))) return dir.FullName;
    }
    throw new InvalidOperationException("Run from inside the repository (MagicHub.slnx not found).");
}

/// <summary>The three upload paths of the media API.</summary>
internal static class Uploads
{
    public static async Task<MediaItemResponse> RawAsync(HttpClient http, long size, int seed)
    {
        var content = new StreamContent(new GeneratedWavStream(size, seed), 128 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        content.Headers.ContentLength = size;
        return await ReadAsync(await http.PutAsync("media?use=audio&filename=bench.wav", content));
    }

    public static async Task<MediaItemResponse> MultipartAsync(HttpClient http, long size, int seed)
    {
        var file = new StreamContent(new GeneratedWavStream(size, seed), 128 * 1024);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var form = new MultipartFormDataContent { { file, "file", "bench.wav" } };
        return await ReadAsync(await http.PostAsync("media?use=audio", form));
    }

    public static async Task<MediaItemResponse> ResumableAsync(HttpClient http, long size, int seed, int chunk)
    {
        var created = await http.PostAsJsonAsync("media/uploads", new { file_name = "bench.wav", length = size, use = "audio" });
        var session = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<UploadSessionResponse>())!;
        var source = new GeneratedWavStream(size, seed);
        var buffer = new byte[chunk];
        for (long offset = 0; offset < size;)
        {
            var n = source.ReadAtLeast(buffer, (int)Math.Min(chunk, size - offset), throwOnEndOfStream: false);
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"media/uploads/{session.UploadId}") { Content = new ByteArrayContent(buffer, 0, n) };
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
            offset += n;
        }
        return await ReadAsync(await http.PostAsync($"media/uploads/{session.UploadId}/complete", null));
    }

    private static async Task<MediaItemResponse> ReadAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<MediaItemResponse>())!;
    }
}

/// <summary>The same bytes written straight to disk in this process: the ceiling the service is compared with.</summary>
internal static class Baseline
{
    public static TimeSpan Copy(string directory, long size, bool hash)
    {
        var path = Path.Combine(directory, "baseline.bin");
        var clock = Stopwatch.StartNew();
        using (var source = new GeneratedWavStream(size, 9))
        using (var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[128 * 1024];
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (hash) sha.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
            }
            target.Flush(flushToDisk: true);
        }
        clock.Stop();
        File.Delete(path);
        return clock.Elapsed;
    }
}
