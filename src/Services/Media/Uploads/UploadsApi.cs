using MagicHub.Media.Contracts;
using MagicHub.Media.Data;
using MagicHub.Media.Ingest;
using MagicHub.Media.Media;
using MagicHub.Media.Tenancy;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MagicHub.Media.Uploads;

/// <summary>
/// Resumable uploads in the style of tus: create, then PATCH chunks at <c>Upload-Offset</c>, ask (HEAD) where to resume
/// after a broken connection, and complete, which sniffs, hashes and stores the file like a one-request upload.
/// </summary>
public static class UploadsApi
{
    /// <summary>Request and response header with the byte offset of a chunk.</summary>
    public const string OffsetHeader = "Upload-Offset";

    /// <summary>Maps the <c>/media/uploads</c> endpoints.</summary>
    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/media/uploads").WithTags("Resumable uploads")
            .RequireAuthorization(PlatformPolicies.Write).AddEndpointFilter<TenantRequiredFilter>();
        api.MapPost("", CreateAsync).WithSummary("Start a resumable upload; send chunks with PATCH.");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("Where the upload stands: the offset to resume at.");
        api.MapMethods("/{id:guid}", [HttpMethods.Head], HeadAsync).WithSummary("The offset to resume at, in the Upload-Offset header.");
        api.MapPatch("/{id:guid}", UploadChunks.AppendAsync).WithSummary("Append a chunk at Upload-Offset (raw body).");
        api.MapPost("/{id:guid}/complete", CompleteAsync).WithSummary("Finish the upload: sniff, hash, dedupe and store. 201 new, 200 duplicate, 409 while incomplete or busy.");
        api.MapDelete("/{id:guid}", CancelAsync).WithSummary("Abandon the upload and discard its bytes.");
        return endpoints;
    }

    private static async Task<Results<Created<UploadSessionResponse>, ProblemHttpResult>> CreateAsync(
        CreateUploadRequest request, ITenantContext caller, MediaStore db, IOptions<MediaOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var tenant = caller.TenantId!;
        var limit = request.Use is { } use ? options.Value.LimitFor(use, tenant) : options.Value.LargestLimit(tenant);
        if (request.Length is < 1)
        {
            return TypedResults.Problem("length must be at least 1 byte.", statusCode: 400, title: "Empty file");
        }
        if (request.Length > limit)
        {
            return TypedResults.Problem($"The upload of {request.Length:N0} bytes exceeds the limit of {limit:N0} bytes.", statusCode: 413, title: "Upload too large");
        }
        var now = clock.GetUtcNow();
        var session = new UploadSession
        {
            Id = Guid.CreateVersion7(now), TenantId = tenant, FileName = FileNames.Sanitize(request.FileName), Use = request.Use,
            Length = request.Length, Owner = caller.UserId,
            CreatedAt = now, ExpiresAt = now + options.Value.UploadExpiry,
        };
        await db.AddUploadAsync(session, ct);
        return TypedResults.Created($"/media/uploads/{session.Id}", session.ToResponse());
    }

    private static async Task<Results<Ok<UploadSessionResponse>, NotFound>> GetAsync(Guid id, MediaStore db, UploadStaging staging, CancellationToken ct)
    {
        var session = await db.FindUploadAsync(id, ct);
        if (session is null) return TypedResults.NotFound();
        session.Offset = staging.LengthOf(id);
        return TypedResults.Ok(session.ToResponse());
    }

    private static async Task<Results<Ok, NotFound>> HeadAsync(Guid id, HttpContext http, MediaStore db, UploadStaging staging, CancellationToken ct)
    {
        var session = await db.FindUploadAsync(id, ct);
        if (session is null) return TypedResults.NotFound();
        http.Response.Headers[OffsetHeader] = staging.LengthOf(id).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (session.Length is { } length) http.Response.Headers["Upload-Length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok();
    }

    private static async Task<IResult> CompleteAsync(Guid id, MediaStore db, UploadStaging staging, MediaIngestor ingestor, CancellationToken ct)
    {
        var session = await db.FindUploadAsync(id, ct);
        if (session is null) return TypedResults.NotFound();
        var received = staging.LengthOf(id);
        if (session.Length is { } length && received != length)
        {
            return TypedResults.Problem($"Received {received:N0} of {length:N0} bytes; send the rest before completing.", statusCode: 409, title: "Upload incomplete");
        }
        Stream content;
        try
        {
            content = new FileStream(staging.PathOf(id), FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            // No chunk arrived (an empty upload, refused as such), or a concurrent complete or cancel has just ended the session.
            if (await db.FindUploadAsync(id, ct) is null) return TypedResults.NotFound();
            content = Stream.Null;
        }
        catch (IOException)
        {
            // The staged file is held by a chunk being written or by a concurrent complete of the same upload.
            return TypedResults.Problem("A chunk of this upload is being written, or it is being completed already; try again.",
                statusCode: 409, title: "Upload busy");
        }
        IngestResult result;
        await using (content)
        {
            result = await ingestor.IngestAsync(content, new IngestRequest(session.FileName, session.Use, received, session.Owner), ct);
        }
        // Stored or refused, the staged bytes will not change: the session is over (a concurrent cancel may have ended it already).
        await db.DeleteUploadAsync(id, ct);
        staging.Delete(id);
        return result.ToHttpResult();
    }

    private static async Task<Results<NoContent, NotFound>> CancelAsync(Guid id, MediaStore db, UploadStaging staging, CancellationToken ct)
    {
        var session = await db.FindUploadAsync(id, ct);
        if (session is null) return TypedResults.NotFound();
        await db.DeleteUploadAsync(id, ct);
        staging.Delete(id);
        return TypedResults.NoContent();
    }
}
