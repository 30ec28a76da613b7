using MagicHub.Media.Contracts;
using MagicHub.Media.Ingest;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MagicHub.Media.Media;

/// <summary>One-request uploads: multipart/form-data (first file part) or the raw body, streamed, never buffered.</summary>
public static class UploadEndpoints
{
    /// <summary>Handles <c>POST /media</c> and <c>PUT /media</c>.</summary>
    public static async Task<IResult> UploadAsync(HttpContext http, MediaIngestor ingestor, ITenantContext caller, string? use, string? filename, CancellationToken ct)
    {
        if (!TryParseUse(use, out var kind))
        {
            return TypedResults.Problem($"use must be audio, image or document, not '{use}'.", statusCode: 400, title: "Invalid use");
        }
        AllowLargeBodies(http);
        var request = http.Request;
        var owner = caller.UserId;
        if (request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await MultipartAsync(request, type, ingestor, kind, owner, ct);
        }
        if (request.HasFormContentType)
        {
            return TypedResults.Problem("Send the file as multipart/form-data or as the raw body, not url-encoded.", statusCode: 415, title: "Unsupported request body");
        }
        var name = filename ?? (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value : null);
        var result = await ingestor.IngestAsync(request.Body, new IngestRequest(name, kind, request.ContentLength, owner), ct);
        return result.ToHttpResult();
    }

    private static async Task<IResult> MultipartAsync(
        HttpRequest request, MediaTypeHeaderValue type, MediaIngestor ingestor, MediaKind? kind, string? owner, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return TypedResults.Problem("The multipart boundary is missing or too long.", statusCode: 400, title: "Invalid multipart body");
        }
        var reader = new MultipartReader(boundary, request.Body);
        for (var parts = 0; parts < 32 && await reader.ReadNextSectionAsync(ct) is { } section; parts++)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
            {
                // A small form field such as use=audio may come before the file.
                if (disposition?.Name.Value?.Trim('"') == "use" && kind is null)
                {
                    using var fieldReader = new StreamReader(section.Body);
                    var value = await ReadLimitedAsync(fieldReader, ct);
                    if (!TryParseUse(value, out kind))
                    {
                        return TypedResults.Problem($"use must be audio, image or document, not '{value}'.", statusCode: 400, title: "Invalid use");
                    }
                }
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            var result = await ingestor.IngestAsync(section.Body, new IngestRequest(name, kind, null, owner), ct);
            return result.ToHttpResult();
        }
        return TypedResults.Problem("The multipart body has no file part.", statusCode: 400, title: "No file");
    }

    private static async Task<string> ReadLimitedAsync(StreamReader reader, CancellationToken ct)
    {
        var buffer = new char[64];
        var read = await reader.ReadBlockAsync(buffer, ct);
        return new string(buffer, 0, read).Trim();
    }

    /// <summary>Parses the <c>use</c> value; null and empty mean "any kind".</summary>
    public static bool TryParseUse(string? value, out MediaKind? kind)
    {
        kind = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (Enum.TryParse<MediaKind>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
        {
            kind = parsed;
            return true;
        }
        return false;
    }

    /// <summary>The service enforces its own per-kind, per-tenant limits while streaming; Kestrel's 30 MB default would cut recordings.</summary>
    public static void AllowLargeBodies(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }
    }
}
