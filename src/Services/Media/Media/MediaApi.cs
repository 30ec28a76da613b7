using MagicHub.Media.Contracts;
using MagicHub.Media.Data;
using MagicHub.Media.Ingest;
using MagicHub.Media.Signing;
using MagicHub.Media.Storage;
using MagicHub.Media.Tenancy;
using MagicHub.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MagicHub.Media.Media;

/// <summary>Upload, list, read, download (with ranges and signed URLs) and erase media.</summary>
public static class MediaApi
{
    /// <summary>Maps the <c>/media</c> endpoints.</summary>
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/media").WithTags("Media").RequireAuthorization(PlatformPolicies.Read).AddEndpointFilter<TenantRequiredFilter>();
        api.MapPost("", UploadEndpoints.UploadAsync).RequireAuthorization(PlatformPolicies.Write)
            .WithSummary("Upload one file as multipart/form-data or as the raw body (?use=audio|image|document&filename=...). 201 new, 200 duplicate.");
        api.MapPut("", UploadEndpoints.UploadAsync).RequireAuthorization(PlatformPolicies.Write).WithSummary("Upload one file as the raw body.");
        api.MapGet("", ListAsync).WithSummary("The tenant's media, newest first.");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("One item's metadata.");
        api.MapGet("/{id:guid}/signed-url", SignedUrlAsync).WithSummary("A short-lived URL that downloads the item without credentials.");
        api.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(PlatformPolicies.Write).WithSummary("Erase the item: content and metadata.");
        // Signed URLs carry no token: the signature names the item and its tenant, so this one checks access itself.
        endpoints.MapGet("/media/{id:guid}/content", ContentAsync).AllowAnonymous().WithTags("Media")
            .WithSummary("The item's content; supports Range requests. Either an access token or ?expires=&sig= from a signed URL.");
        return endpoints;
    }

    private static async Task<Results<Ok<MediaListResponse>, ProblemHttpResult>> ListAsync(
        MediaStore db, string? kind, int? skip, int? take, CancellationToken ct)
    {
        if (!UploadEndpoints.TryParseUse(kind, out var wanted))
        {
            return TypedResults.Problem($"kind must be audio, image or document, not '{kind}'.", statusCode: 400, title: "Invalid kind");
        }
        if (skip < 0 || take is < 1 or > 500)
        {
            return TypedResults.Problem("skip must be ≥ 0 and take between 1 and 500.", statusCode: 400, title: "Invalid paging");
        }
        var (items, total) = await db.ListAsync(wanted, skip ?? 0, take ?? 50, ct);
        return TypedResults.Ok(new MediaListResponse([.. items.Select(m => m.ToResponse())], total));
    }

    private static async Task<Results<Ok<MediaItemResponse>, NotFound>> GetAsync(Guid id, MediaStore db, CancellationToken ct) =>
        await db.FindItemAsync(id, ct) is { } item ? TypedResults.Ok(item.ToResponse()) : TypedResults.NotFound();

    private static async Task<Results<Ok<SignedUrlResponse>, NotFound, ProblemHttpResult>> SignedUrlAsync(
        Guid id, int? ttl, MediaStore db, UrlSigner signer, IOptions<MediaOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (ttl is < 1 or > 86400)
        {
            return TypedResults.Problem("ttl must be between 1 and 86400 seconds.", statusCode: 400, title: "Invalid ttl");
        }
        var item = await db.FindItemAsync(id, ct);
        if (item is null) return TypedResults.NotFound();
        var expiresAt = clock.GetUtcNow().AddSeconds(ttl ?? options.Value.SignedUrlSeconds);
        var expires = expiresAt.ToUnixTimeSeconds();
        var url = $"/media/{id}/content?expires={expires}&sig={signer.Sign(id, item.TenantId, expires)}";
        return TypedResults.Ok(new SignedUrlResponse(url, DateTimeOffset.FromUnixTimeSeconds(expires)));
    }

    private static async Task<IResult> ContentAsync(
        Guid id, long? expires, string? sig, HttpContext http, MediaStore db, IBlobStore blobs, UrlSigner signer, TimeProvider clock, CancellationToken ct)
    {
        MediaItem? item;
        if (sig is not null || expires is not null)
        {
            if (sig is null || expires is null)
            {
                return TypedResults.Problem("A signed URL needs both expires and sig.", statusCode: 400, title: "Incomplete signature");
            }
            item = await db.FindItemOfAnyTenantAsync(id, ct);
            if (item is null || !signer.Verify(id, item.TenantId, expires.Value, sig))
            {
                return TypedResults.Problem("The signature does not match this URL.", statusCode: 403, title: "Invalid signature");
            }
            if (clock.GetUtcNow().ToUnixTimeSeconds() > expires)
            {
                return TypedResults.Problem("The signed URL has expired; ask for a new one.", statusCode: 403, title: "Signed URL expired");
            }
        }
        else
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return TypedResults.Problem("Send an access token, or use a signed URL.", statusCode: 401, title: "Unauthorized");
            }
            item = await db.FindItemAsync(id, ct);
            if (item is null) return TypedResults.NotFound();
        }
        var stream = await blobs.OpenReadAsync(item.ObjectKey, item.Size, ct);
        return TypedResults.Stream(stream, item.ContentType, item.FileName, item.CreatedAt,
            new EntityTagHeaderValue($"\"{item.Sha256}\""), enableRangeProcessing: true);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, MediaStore db, IBlobStore blobs, CancellationToken ct)
    {
        var item = await db.FindItemAsync(id, ct);
        if (item is null) return TypedResults.NotFound();
        // Content first: a failure after it leaves metadata that a retried DELETE removes, never an orphaned copy of the data.
        await blobs.DeleteAsync(item.ObjectKey, ct);
        await db.DeleteItemAsync(id, ct);
        return TypedResults.NoContent();
    }
}
