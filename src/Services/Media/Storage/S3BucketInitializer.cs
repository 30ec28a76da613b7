namespace MagicHub.Media.Storage;

/// <summary>Creates the configured bucket at start so the first upload does not fail on a fresh server.</summary>
public sealed class S3BucketInitializer(S3BlobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureBucketAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
