namespace MagicHub.AppHost;

/// <summary>The health of one service once start-up is over.</summary>
public sealed record ServiceHealth(PlatformService Service, bool Healthy, TimeSpan StartedIn, string Detail);

/// <summary>Polls each service's <c>/health</c> until it answers 200 or time runs out.</summary>
public static class HealthWaiter
{
    public static async Task<IReadOnlyDictionary<string, ServiceHealth>> WaitAllAsync(
        IReadOnlyList<PlatformService> services, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var started = DateTime.UtcNow;
        var checks = services.Select(async service =>
        {
            var detail = "not answering";
            while (DateTime.UtcNow - started < timeout && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(service.Url, "health"), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return new ServiceHealth(service, true, DateTime.UtcNow - started, "healthy");
                    }
                    detail = $"/health answered {(int)response.StatusCode}";
                }
                catch (HttpRequestException ex)
                {
                    detail = ex.Message;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    detail = "/health timed out";
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                await Task.Delay(200, CancellationToken.None);
            }
            return new ServiceHealth(service, false, DateTime.UtcNow - started, detail);
        });
        var results = await Task.WhenAll(checks);
        return results.ToDictionary(r => r.Service.Name);
    }

    public static void PrintTable(IReadOnlyDictionary<string, ServiceHealth> health)
    {
        Console.WriteLine();
        Console.WriteLine($"  {"service",-15} {"url",-26} {"status",-10} {"ready in",8}");
        Console.WriteLine($"  {new string('-', 15)} {new string('-', 26)} {new string('-', 10)} {new string('-', 8)}");
        foreach (var h in health.Values.OrderBy(h => h.Service.Url.Port))
        {
            var status = h.Healthy ? "healthy" : "UNHEALTHY";
            Console.WriteLine($"  {h.Service.Name,-15} {h.Service.Url.ToString().TrimEnd('/'),-26} {status,-10} {h.StartedIn.TotalSeconds,7:0.0}s{(h.Healthy ? "" : "  " + h.Detail)}");
        }
        Console.WriteLine();
    }
}
