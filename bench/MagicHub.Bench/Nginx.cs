using System.Diagnostics;
using System.Globalization;

namespace MagicHub.Bench;

/// <summary>
/// nginx (Debian package) as a reverse proxy baseline: a generated config in a temp prefix, listening on a free loopback
/// port, proxying <c>/{prefix}/</c> to the service with upstream keep-alive (as YARP does); stopped with <c>nginx -s stop</c>.
/// </summary>
internal sealed class Nginx : IAsyncDisposable
{
    private readonly string _prefix;
    private readonly string _config;
    private readonly Process _master;

    private Nginx(string prefix, string config, Process master, int port)
    {
        _prefix = prefix;
        _config = config;
        _master = master;
        Port = port;
    }

    public int Port { get; }

    public static async Task<Nginx> StartAsync(string pathPrefix, Uri upstream, CancellationToken ct)
    {
        var prefix = Directory.CreateTempSubdirectory("magichub-bench-nginx-").FullName;
        var port = Processes.FreePort();
        var config = Path.Combine(prefix, "nginx.conf");
        var workers = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes {{workers}};
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{prefix}}/body;
              proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fastcgi;
              uwsgi_temp_path {{prefix}}/uwsgi;
              scgi_temp_path {{prefix}}/scgi;
              upstream service { server {{upstream.Authority}}; keepalive 64; }
              server {
                listen 127.0.0.1:{{port}};
                location /{{pathPrefix}}/ {
                  proxy_pass http://service/;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                }
              }
            }
            """, ct);
        var info = new ProcessStartInfo("nginx") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", prefix, "-c", config, "-e", Path.Combine(prefix, "error.log") })
        {
            info.ArgumentList.Add(arg);
        }
        var master = Process.Start(info) ?? throw new InvalidOperationException("Could not start nginx (apt-get install nginx-light).");
        var nginx = new Nginx(prefix, config, master, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline)
        {
            if (master.HasExited)
            {
                var log = File.Exists(Path.Combine(prefix, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(prefix, "error.log"), ct) : "";
                throw new InvalidOperationException($"nginx exited with {master.ExitCode}: {await master.StandardError.ReadToEndAsync(ct)} {log}");
            }
            try
            {
                using var _ = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), ct);
                return nginx;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20, ct);
            }
        }
        await nginx.DisposeAsync();
        throw new TimeoutException("nginx did not listen within 10 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_master.HasExited)
        {
            await Processes.RunAsync("nginx", ["-p", _prefix, "-c", _config, "-e", Path.Combine(_prefix, "error.log"), "-s", "stop"], null,
                TimeSpan.FromSeconds(10), CancellationToken.None);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _master.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _master.Kill();
            }
        }
        _master.Dispose();
        Directory.Delete(_prefix, recursive: true);
    }
}
