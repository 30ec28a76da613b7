using System.Buffers;
using System.Security.Cryptography;
using MagicHub.Media.Contracts;
using MagicHub.Media.Data;
using MagicHub.Media.Media;
using MagicHub.Media.Sniffing;
using MagicHub.Media.Storage;
using MagicHub.Messaging;
using System.Data.Common;
using MagicHub.Persistence;
using Microsoft.Extensions.Options;

namespace MagicHub.Media.Ingest;

/// <summary>
/// Streams one upload into the blob store: sniffs the first bytes, enforces the allow-list and size limit,
/// hashes while copying, deduplicates within the tenant, then commits the blob and records its metadata.
/// Memory use is one header buffer and one copy buffer, whatever the file size.
/// </summary>
public sealed class MediaIngestor(MediaStore db, IBlobStore blobs, IEventPublisher events, IOptions<MediaOptions> options, TimeProvider clock)
{
    private const int CopyBufferSize = 128 * 1024;

    /// <summary>Reads <paramref name="content"/> to its end (or to the first violation) and stores it.</summary>
    public async Task<IngestResult> IngestAsync(Stream content, IngestRequest request, CancellationToken cancellationToken)
    {
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException("Ingesting media needs a tenant in context.");
        var settings = options.Value;
        var firstLimit = request.Use is { } use ? settings.LimitFor(use, tenant) : settings.LargestLimit(tenant);
        if (request.DeclaredLength > firstLimit)
        {
            return TooLarge(request.DeclaredLength.Value, firstLimit);
        }

        var head = ArrayPool<byte>.Shared.Rent(ContentSniffer.HeaderSize);
        var copy = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var headLength = await content.ReadAtLeastAsync(head.AsMemory(0, ContentSniffer.HeaderSize), ContentSniffer.HeaderSize, throwOnEndOfStream: false, cancellationToken);
            if (headLength == 0)
            {
                return IngestResult.Refused(StatusCodes.Status400BadRequest, "Empty file", "The upload has no content (0 bytes).");
            }
            var detected = ContentSniffer.Detect(head.AsSpan(0, headLength));
            if (detected is null)
            {
                return IngestResult.Refused(StatusCodes.Status415UnsupportedMediaType, "Unrecognized content",
                    $"The content of '{FileNames.Sanitize(request.FileName) ?? "the upload"}' matches no supported audio, image or document format.");
            }
            if (!detected.Accepted)
            {
                return IngestResult.Refused(StatusCodes.Status415UnsupportedMediaType, "Unsupported content",
                    $"Detected {detected.Description} ({detected.ContentType}), which the media service does not store.");
            }
            if (request.Use is { } wanted && detected.Kind != wanted)
            {
                return IngestResult.Refused(StatusCodes.Status415UnsupportedMediaType, "Content not allowed for this use",
                    $"Detected {detected.Description} ({detected.ContentType}), which is not accepted for use '{wanted.ToString().ToLowerInvariant()}'.");
            }
            var limit = settings.LimitFor(detected.Kind, tenant);
            if (request.DeclaredLength > limit)
            {
                return TooLarge(request.DeclaredLength.Value, limit);
            }

            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var key = BlobKeys.New(tenant, id, now);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = headLength;
            await using (var pending = await blobs.BeginWriteAsync(key, cancellationToken))
            {
                if (size > limit)
                {
                    return TooLarge(size, limit);
                }
                hash.AppendData(head, 0, headLength);
                await pending.WriteAsync(head.AsMemory(0, headLength), cancellationToken);
                int read;
                while ((read = await content.ReadAsync(copy.AsMemory(0, CopyBufferSize), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > limit)
                    {
                        return TooLarge(size, limit);
                    }
                    hash.AppendData(copy, 0, read);
                    await pending.WriteAsync(copy.AsMemory(0, read), cancellationToken);
                }
                var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (await FindAsync(sha, cancellationToken) is { } existing)
                {
                    // Disposing the uncommitted blob discards it.
                    return IngestResult.Stored(existing, deduplicated: true);
                }
                await pending.CommitAsync(cancellationToken);
                var item = new MediaItem
                {
                    Id = id, TenantId = tenant, Owner = request.Owner, Kind = detected.Kind, ContentType = detected.ContentType,
                    Size = size, Sha256 = sha, ObjectKey = key, FileName = FileNames.Sanitize(request.FileName),
                    DurationSeconds = AudioDuration.FromHeader(detected.ContentType, head.AsSpan(0, headLength), size), CreatedAt = now,
                };
                return await RecordAsync(item, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private async Task<IngestResult> RecordAsync(MediaItem item, CancellationToken cancellationToken)
    {
        try
        {
            // The event goes into the outbox in the item's transaction: it exists exactly when the item does.
            await db.AddItemAsync(item, Announcement(item), events, cancellationToken);
        }
        catch (Exception e)
        {
            await blobs.DeleteAsync(item.ObjectKey, CancellationToken.None);
            // An identical upload of the same tenant committed first (unique tenant + hash): keep that one.
            if (e is DbException db && db.IsUniqueViolation() && await FindAsync(item.Sha256, CancellationToken.None) is { } winner)
            {
                return IngestResult.Stored(winner, deduplicated: true);
            }
            throw;
        }
        return IngestResult.Stored(item, deduplicated: false);
    }

    /// <summary>A recording (audio) or other new content, announced to the platform.</summary>
    private static IntegrationEvent Announcement(MediaItem item) => item.Kind == MediaKind.Audio
        ? new RecordingIngested(item.Id, item.ContentType, item.Size, item.Sha256, item.FileName, item.DurationSeconds) { TenantId = item.TenantId, OccurredAt = item.CreatedAt }
        : new MediaUploaded(item.Id, item.Kind, item.ContentType, item.Size, item.Sha256, item.FileName) { TenantId = item.TenantId, OccurredAt = item.CreatedAt };

    private Task<MediaItem?> FindAsync(string sha, CancellationToken cancellationToken) => db.FindBySha256Async(sha, cancellationToken);

    private static IngestResult TooLarge(long size, long limit) => IngestResult.Refused(StatusCodes.Status413PayloadTooLarge, "Upload too large",
        $"The upload ({size:N0} bytes or more) exceeds the limit of {limit:N0} bytes for this kind of media in this tenant.");
}
