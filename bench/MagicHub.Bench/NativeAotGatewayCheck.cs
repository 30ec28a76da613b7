namespace MagicHub.Bench;

/// <summary>
/// Checks that the Native AOT gateway still does its job in front of a real service (the extraction build): proxying,
/// its own endpoints and docs, authentication and rate limiting. Trimming removes what is not statically reachable, so a
/// gateway that only starts and answers <c>/health</c> proves little.
/// </summary>
internal static class NativeAotGatewayCheck
{
    private const int AnonymousLimit = 5;

    /// <summary>Runs the checks; returns one line per check ("ok" or what failed).</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(ServiceProject gateway, bool build, CancellationToken ct)
    {
        var extraction = Repo.Service("extraction");
        if (build)
        {
            await Repo.BuildAsync([extraction], ct);
        }
        await using var backend = ServiceHost.Start(extraction);
        await backend.WaitHealthyAsync(ct: ct);
        await using var proxy = ServiceHost.Start(gateway,
            new Dictionary<string, string>
            {
                ["Gateway__Services"] = "extraction",
                ["GatewaySecurity__RateLimits__Anonymous__PermitLimit"] = AnonymousLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            new Dictionary<string, Uri> { ["extraction"] = backend.BaseAddress }, binary: ServiceBinary.NativeAot);
        await proxy.WaitHealthyAsync(ct: ct);

        using var http = new HttpClient { BaseAddress = proxy.BaseAddress };
        var lines = new List<string>
        {
            await ExpectAsync(http, HttpMethod.Get, "health", 200, "\"extraction\"", "aggregated health lists the backend", ct),
            await ExpectAsync(http, HttpMethod.Get, "extraction/alive", 200, "Healthy", "proxied GET /extraction/alive (YARP)", ct),
            await ExpectAsync(http, HttpMethod.Get, "openapi/v1.json", 200, "\"openapi\"", "own OpenAPI document", ct),
            await ExpectAsync(http, HttpMethod.Get, "extraction/openapi/v1.json", 200, "MagicHub extraction", "backend's OpenAPI document through the gateway", ct),
            await ExpectAsync(http, HttpMethod.Get, "docs/index.html", 200, "swagger", "Swagger UI at /docs", ct),
            await ExpectAsync(http, HttpMethod.Post, "extraction/extract", 401, "unauthorized", "POST /extraction/extract without a token is refused", ct),
            await ExpectAsync(http, HttpMethod.Get, "extraction/internal/x", 404, "Internal routes", "internal routes hidden", ct),
        };
        // The anonymous quota: the requests above drew on it too, so the limit is reached within AnonymousLimit more.
        var codes = new List<int>();
        for (var i = 0; i < AnonymousLimit + 1; i++)
        {
            using var response = await http.GetAsync("", ct);
            codes.Add((int)response.StatusCode);
        }
        lines.Add(codes.Contains(429)
            ? $"ok: anonymous quota of {AnonymousLimit}/min answers 429 (codes {string.Join(' ', codes)})"
            : $"FAILED: no 429 after the anonymous quota of {AnonymousLimit}/min (codes {string.Join(' ', codes)})");
        return lines;
    }

    private static async Task<string> ExpectAsync(HttpClient http, HttpMethod method, string path, int status, string contains, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return (int)response.StatusCode == status && body.Contains(contains, StringComparison.OrdinalIgnoreCase)
            ? $"ok: {what} ({method} /{path} → {status})"
            : $"FAILED: {what}: {method} /{path} answered {(int)response.StatusCode}, expected {status} with \"{contains}\": {body[..Math.Min(200, body.Length)]}";
    }
}
