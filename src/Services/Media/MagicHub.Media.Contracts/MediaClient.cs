using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace MagicHub.Media.Contracts;

/// <summary>
/// Typed client of the media service for other services: they pass media ids around, never bytes in JSON.
/// Calls name the tenant in <see cref="TenantHeader"/>; a bearer token on the HttpClient, when present, takes precedence.
/// </summary>
public sealed class MediaClient(HttpClient http)
{
    /// <summary>The header that carries the tenant of service-to-service calls until services get their own tokens.</summary>
    public const string TenantHeader = "X-Tenant-Id";

    /// <summary>Streams <paramref name="content"/> as the raw request body; returns the stored (or already stored) item.</summary>
    public async Task<MediaItemResponse> UploadAsync(
        Stream content, string? fileName, MediaKind use, string tenantId, CancellationToken cancellationToken = default)
    {
        var query = $"media?use={use.ToString().ToLowerInvariant()}";
        if (!string.IsNullOrEmpty(fileName))
        {
            query += "&filename=" + Uri.EscapeDataString(fileName);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, query) { Content = new StreamContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add(TenantHeader, tenantId);
        using var response = await http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            throw await MediaRejectedException.FromAsync(response, cancellationToken);
        }
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(MediaJsonContext.Default.MediaItemResponse, cancellationToken))!;
    }

    /// <summary>An item's metadata, or null when it does not exist for this tenant.</summary>
    public async Task<MediaItemResponse?> GetAsync(Guid id, string tenantId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"media/{id}");
        request.Headers.Add(TenantHeader, tenantId);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(MediaJsonContext.Default.MediaItemResponse, cancellationToken);
    }

    /// <summary>Opens the item's content as a stream; dispose it to release the connection.</summary>
    public async Task<Stream> OpenReadAsync(Guid id, string tenantId, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"media/{id}/content");
        request.Headers.Add(TenantHeader, tenantId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>A short-lived URL that a browser or another service can fetch without credentials.</summary>
    public async Task<SignedUrlResponse> GetSignedUrlAsync(Guid id, string tenantId, int? ttlSeconds = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"media/{id}/signed-url" + (ttlSeconds is { } ttl ? $"?ttl={ttl}" : ""));
        request.Headers.Add(TenantHeader, tenantId);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(MediaJsonContext.Default.SignedUrlResponse, cancellationToken))!;
    }

    /// <summary>Erases the item (content and metadata); true when it existed.</summary>
    public async Task<bool> DeleteAsync(Guid id, string tenantId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"media/{id}");
        request.Headers.Add(TenantHeader, tenantId);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        response.EnsureSuccessStatusCode();
        return true;
    }
}

/// <summary>Registration of <see cref="MediaClient"/>.</summary>
public static class MediaClientExtensions
{
    /// <summary>
    /// Adds <see cref="MediaClient"/> pointed at <paramref name="baseAddress"/> (default <c>http://media</c>, resolved by service
    /// discovery). The standard resilience handler is removed: a streamed upload cannot be replayed and would hit its 30 s
    /// total timeout; large files should use the resumable upload endpoints, which resume instead of retrying.
    /// </summary>
#pragma warning disable EXTEXP0001 // Experimental, but the only way to drop the handler ConfigureHttpClientDefaults adds.
    public static IHttpClientBuilder AddMediaClient(this IServiceCollection services, string baseAddress = "http://media/") =>
        services.AddHttpClient<MediaClient>(client =>
        {
            client.BaseAddress = new Uri(baseAddress);
            client.Timeout = TimeSpan.FromHours(1);
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
}

/// <summary>The media service refused an upload (empty, not the allowed kind, too large…); carries its problem details.</summary>
public sealed class MediaRejectedException(int statusCode, string title, string? detail) : Exception($"{title} {detail}".Trim())
{
    /// <summary>The HTTP status the media service answered (4xx).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The problem's title.</summary>
    public string Title { get; } = title;

    /// <summary>The problem's detail.</summary>
    public string? Detail { get; } = detail;

    /// <summary>Reads the problem details of a 4xx answer.</summary>
    public static async Task<MediaRejectedException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync(MediaJsonContext.Default.JsonElement, cancellationToken);
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return new MediaRejectedException(status, title ?? response.ReasonPhrase ?? "Rejected", detail);
        }
        catch (System.Text.Json.JsonException)
        {
            return new MediaRejectedException(status, response.ReasonPhrase ?? "Rejected", null);
        }
    }
}
