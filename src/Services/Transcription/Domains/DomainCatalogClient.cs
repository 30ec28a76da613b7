using System.Net.Http.Json;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Transcription.Domains;

/// <summary>Reads the domain registry from the prompts service (<c>GET /domains</c>), cached briefly; the built-in default when unreachable.</summary>
public sealed class DomainCatalogClient(IHttpClientFactory httpClients, TimeProvider time, ILogger<DomainCatalogClient> logger)
{
    public const string HttpClientName = "prompts";

    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private (DomainCatalog Catalog, DateTimeOffset Expires, DomainClassifier Classifier)? _cached;

    public async Task<(DomainCatalog Catalog, DomainClassifier Classifier)> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } c && c.Expires > time.GetUtcNow())
        {
            return (c.Catalog, c.Classifier);
        }

        DomainCatalog catalog;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var http = httpClients.CreateClient(HttpClientName);
            catalog = await http.GetFromJsonAsync("domains", PromptsJsonContext.Default.DomainCatalog, timeout.Token) is { Domains.Count: > 0 } served ? served : DomainCatalog.Default;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Prompts service unreachable ({Error}); using the built-in domain catalog", ex.Message);
            catalog = DomainCatalog.Default;
        }

        var classifier = new DomainClassifier(catalog);
        _cached = (catalog, time.GetUtcNow() + CacheFor, classifier);
        return (catalog, classifier);
    }
}
