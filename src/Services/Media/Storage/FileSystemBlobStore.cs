namespace MagicHub.Media.Storage;

/// <summary>
/// Blobs as files under a root folder. A blob is written to <c>.tmp/{random}</c> and renamed into place on commit,
/// so an interrupted upload never leaves a partial file under a real key.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string _root;
    private readonly string _temp;

    public FileSystemBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        _temp = Path.Combine(_root, ".tmp");
        Directory.CreateDirectory(_temp);
    }

    /// <summary>The folder that holds the blobs.</summary>
    public string Root => _root;

    public Task<IPendingBlob> BeginWriteAsync(string key, CancellationToken cancellationToken)
    {
        var final = PathOf(key);
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
        return Task.FromResult<IPendingBlob>(new PendingFile(stream, temp, final));
    }

    public Task<Stream> OpenReadAsync(string key, long length, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read | FileShare.Delete,
            Options = FileOptions.Asynchronous,
            BufferSize = 64 * 1024,
        }));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    /// <summary>Deletes temp files older than <paramref name="age"/> left by a crash mid-upload.</summary>
    public int DeleteStaleTempFiles(TimeSpan age, DateTimeOffset now)
    {
        var deleted = 0;
        foreach (var file in new DirectoryInfo(_temp).EnumerateFiles())
        {
            if (now - file.LastWriteTimeUtc > age)
            {
                file.Delete();
                deleted++;
            }
        }
        return deleted;
    }

    private string PathOf(string key)
    {
        if (!BlobKeys.IsSafe(key))
        {
            throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));
        }
        var path = Path.GetFullPath(Path.Combine(_root, key));
        // Defence in depth: whatever the key, the path stays under the root.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' resolves outside the blob folder.", nameof(key));
        }
        return path;
    }

    private sealed class PendingFile(FileStream stream, string temp, string final) : IPendingBlob
    {
        private bool _committed;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => stream.WriteAsync(data, cancellationToken);

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync();
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temp, final, overwrite: false);
            _committed = true;
        }

        public async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            if (!_committed)
            {
                File.Delete(temp);
            }
        }
    }
}
