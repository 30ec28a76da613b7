using System.Buffers;
using System.Globalization;
using MagicHub.Media.Data;
using MagicHub.Media.Media;
using Microsoft.Extensions.Options;

namespace MagicHub.Media.Uploads;

/// <summary>PATCH of one chunk: appended to the staging file at the offset the client names, which must be the current length.</summary>
public static class UploadChunks
{
    /// <summary>Appends the request body; a broken connection keeps the bytes that arrived, and HEAD tells where to resume.</summary>
    public static async Task<IResult> AppendAsync(Guid id, HttpContext http, MediaStore db, UploadStaging staging, IOptions<MediaOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var session = await db.FindUploadAsync(id, ct);
        if (session is null) return TypedResults.NotFound();
        if (!long.TryParse(http.Request.Headers[UploadsApi.OffsetHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return TypedResults.Problem($"Send the chunk's position in the {UploadsApi.OffsetHeader} header.", statusCode: 400, title: "Missing offset");
        }
        UploadEndpoints.AllowLargeBodies(http);
        var limit = session.Use is { } use ? options.Value.LimitFor(use, session.TenantId) : options.Value.LargestLimit(session.TenantId);
        var maximum = Math.Min(limit, session.Length ?? long.MaxValue);

        FileStream file;
        try
        {
            file = new FileStream(staging.PathOf(id), FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
        }
        catch (IOException)
        {
            return TypedResults.Problem("Another chunk of this upload is being written.", statusCode: 409, title: "Chunk in progress");
        }
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            await using (file)
            {
                if (file.Length != offset)
                {
                    return TypedResults.Problem($"The upload is at offset {file.Length}, not {offset}: resume from there.", statusCode: 409, title: "Offset mismatch");
                }
                file.Seek(offset, SeekOrigin.Begin);
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, ct)) > 0)
                {
                    if (file.Length + read > maximum)
                    {
                        file.SetLength(offset);
                        return maximum == limit
                            ? TypedResults.Problem($"The upload exceeds the limit of {limit:N0} bytes.", statusCode: 413, title: "Upload too large")
                            : TypedResults.Problem($"The chunk goes past the announced length of {session.Length:N0} bytes.", statusCode: 400, title: "Chunk too long");
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
                session.Offset = file.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        session.ExpiresAt = clock.GetUtcNow() + options.Value.UploadExpiry;
        await db.UpdateUploadAsync(id, session.Offset, session.ExpiresAt, ct);
        http.Response.Headers[UploadsApi.OffsetHeader] = session.Offset.ToString(CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }
}
