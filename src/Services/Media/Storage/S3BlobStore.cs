using System.Buffers;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace MagicHub.Media.Storage;

/// <summary>
/// Blobs in an S3-compatible bucket. Content goes up as a multipart upload, one part buffer in memory at a time,
/// and becomes visible only when the upload is completed; an uncommitted upload is aborted.
/// </summary>
public sealed class S3BlobStore(IAmazonS3 s3, S3StorageOptions options) : IBlobStore
{
    /// <summary>Creates the bucket when it does not exist yet.</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }

    public Task<IPendingBlob> BeginWriteAsync(string key, CancellationToken cancellationToken)
    {
        Check(key);
        return Task.FromResult<IPendingBlob>(new PendingUpload(s3, options.Bucket, key, options.PartSize));
    }

    public Task<Stream> OpenReadAsync(string key, long length, CancellationToken cancellationToken)
    {
        Check(key);
        return Task.FromResult<Stream>(new S3RangeReadStream(s3, options.Bucket, key, length));
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Check(key);
        await s3.DeleteObjectAsync(options.Bucket, key, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        Check(key);
        try
        {
            await s3.GetObjectMetadataAsync(options.Bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static void Check(string key)
    {
        if (!BlobKeys.IsSafe(key))
        {
            throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));
        }
    }

    private sealed class PendingUpload(IAmazonS3 s3, string bucket, string key, int partSize) : IPendingBlob
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(partSize);
        private int _filled;
        private string? _uploadId;
        private readonly List<PartETag> _parts = [];
        private bool _committed;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            while (!data.IsEmpty)
            {
                var take = Math.Min(data.Length, partSize - _filled);
                data[..take].CopyTo(_buffer.AsMemory(_filled));
                _filled += take;
                data = data[take..];
                if (_filled == partSize)
                {
                    await FlushPartAsync(cancellationToken);
                }
            }
        }

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_uploadId is null)
            {
                // Small blob: one PUT, atomic by itself.
                using var body = new MemoryStream(_buffer, 0, _filled, writable: false);
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
            }
            else
            {
                if (_filled > 0)
                {
                    await FlushPartAsync(cancellationToken);
                }
                await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = bucket, Key = key, UploadId = _uploadId, PartETags = _parts,
                }, cancellationToken);
            }
            _committed = true;
        }

        private async Task FlushPartAsync(CancellationToken cancellationToken)
        {
            _uploadId ??= (await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken)).UploadId;
            var number = _parts.Count + 1;
            using var body = new MemoryStream(_buffer, 0, _filled, writable: false);
            var response = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = _uploadId, PartNumber = number, InputStream = body, PartSize = _filled, UseChunkEncoding = false,
            }, cancellationToken);
            _parts.Add(new PartETag(number, response.ETag));
            _filled = 0;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_committed && _uploadId is not null)
            {
                // Best effort: an abandoned multipart upload is invisible anyway and expires by bucket lifecycle rules.
                try
                {
                    await s3.AbortMultipartUploadAsync(bucket, key, _uploadId, CancellationToken.None);
                }
                catch (AmazonS3Exception)
                {
                }
            }
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }
        }
    }
}
