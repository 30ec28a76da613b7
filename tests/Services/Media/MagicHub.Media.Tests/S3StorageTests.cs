using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using MagicHub.Media.Storage;
using Microsoft.Extensions.Hosting;

namespace MagicHub.Media.Tests;

/// <summary>The S3 backend against a real S3-compatible server (s3rver) on loopback.</summary>
public sealed class S3StorageTests(S3ServerFixture server) : IClassFixture<S3ServerFixture>
{
    private S3StorageOptions Options(string bucket) => new()
    {
        ServiceUrl = server.ServiceUrl, Bucket = bucket, AccessKey = S3ServerFixture.AccessKey, SecretKey = S3ServerFixture.SecretKey,
        PartSize = 5 * 1024 * 1024,
    };

    private async Task<(S3BlobStore Store, IAmazonS3 Client, S3StorageOptions Options)> StoreAsync()
    {
        Assert.SkipWhen(server.SkipReason is not null, server.SkipReason ?? "");
        var options = Options("test-" + Guid.NewGuid().ToString("N")[..12]);
        var client = MediaServiceExtensions.CreateS3Client(options);
        var store = new S3BlobStore(client, options);
        await store.EnsureBucketAsync(TestContext.Current.CancellationToken);
        return (store, client, options);
    }

    private static async Task<int> CountObjectsAsync(IAmazonS3 client, string bucket) =>
        (await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }, TestContext.Current.CancellationToken)).S3Objects?.Count ?? 0;

    [Fact]
    public async Task Multipart_blob_round_trips_and_ranges_read_only_the_asked_bytes()
    {
        var (store, client, options) = await StoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var data = new byte[11 * 1024 * 1024 + 123];
        new Random(7).NextBytes(data);

        await using (var pending = await store.BeginWriteAsync("acme/2026/01/abc", ct))
        {
            for (var offset = 0; offset < data.Length; offset += 100_000)
            {
                await pending.WriteAsync(data.AsMemory(offset, Math.Min(100_000, data.Length - offset)), ct);
            }
            Assert.Equal(0, await CountObjectsAsync(client, options.Bucket));
            await pending.CommitAsync(ct);
        }

        Assert.True(await store.ExistsAsync("acme/2026/01/abc", ct));
        await using var read = await store.OpenReadAsync("acme/2026/01/abc", data.Length, ct);
        Assert.Equal(SHA256.HashData(data), await SHA256.HashDataAsync(read, ct));
        read.Seek(6_000_000, SeekOrigin.Begin);
        var slice = new byte[1000];
        await read.ReadExactlyAsync(slice, ct);
        Assert.Equal(data[6_000_000..6_001_000], slice);
    }

    [Fact]
    public async Task Uncommitted_blobs_are_never_visible()
    {
        var (store, client, options) = await StoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var data = new byte[6 * 1024 * 1024];

        await using (var big = await store.BeginWriteAsync("t/2026/01/big", ct))
        {
            await big.WriteAsync(data, ct);
        }
        await using (var small = await store.BeginWriteAsync("t/2026/01/small", ct))
        {
            await small.WriteAsync(data.AsMemory(0, 1000), ct);
        }

        Assert.Equal(0, await CountObjectsAsync(client, options.Bucket));
        Assert.False(await store.ExistsAsync("t/2026/01/big", ct));
    }

    [Fact]
    public async Task Requests_are_path_style_and_signed_with_sigv4()
    {
        // s3rver accepts any signature, so the request shape is checked on a local listener that records it.
        using var listener = new System.Net.HttpListener();
        var port = FreeLoopbackPort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var captured = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var seen = (context.Request.HttpMethod, context.Request.Url!.AbsolutePath, Auth: context.Request.Headers["Authorization"] ?? "",
                Sha: context.Request.Headers["x-amz-content-sha256"] ?? "");
            context.Response.StatusCode = 200;
            context.Response.Headers["ETag"] = "\"abc\"";
            context.Response.Close();
            return seen;
        }, TestContext.Current.CancellationToken);
        var options = new S3StorageOptions { ServiceUrl = $"http://127.0.0.1:{port}", Bucket = "recorded", AccessKey = "AKIDEXAMPLE", SecretKey = "secret" };
        using var client = MediaServiceExtensions.CreateS3Client(options);
        var store = new S3BlobStore(client, options);
        var ct = TestContext.Current.CancellationToken;

        await using (var pending = await store.BeginWriteAsync("acme/2026/01/0123abcd", ct))
        {
            await pending.WriteAsync("hello"u8.ToArray(), ct);
            await pending.CommitAsync(ct);
        }

        var request = await captured;
        Assert.Equal("PUT", request.HttpMethod);
        Assert.Equal("/recorded/acme/2026/01/0123abcd", request.AbsolutePath);
        Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/us-east-1/s3/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$", request.Auth);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("hello"u8)), request.Sha);
    }

    private static int FreeLoopbackPort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        var (store, _, _) = await StoreAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var pending = await store.BeginWriteAsync("t/2026/01/gone", ct))
        {
            await pending.WriteAsync(new byte[] { 1, 2, 3 }, ct);
            await pending.CommitAsync(ct);
        }
        await store.DeleteAsync("t/2026/01/gone", ct);
        Assert.False(await store.ExistsAsync("t/2026/01/gone", ct));
        await store.DeleteAsync("t/2026/01/gone", ct);
    }

    [Fact]
    public async Task Service_on_s3_uploads_deduplicates_serves_ranges_and_erases()
    {
        Assert.SkipWhen(server.SkipReason is not null, server.SkipReason ?? "");
        var bucket = "svc-" + Guid.NewGuid().ToString("N")[..12];
        await using var factory = new MediaFactory(settings: new()
        {
            ["Media:Storage"] = "S3",
            ["Media:S3:ServiceUrl"] = server.ServiceUrl,
            ["Media:S3:Bucket"] = bucket,
            ["Media:S3:AccessKey"] = S3ServerFixture.AccessKey,
            ["Media:S3:SecretKey"] = S3ServerFixture.SecretKey,
        });
        var client = factory.ClientFor("acme");
        var ct = TestContext.Current.CancellationToken;
        var wav = Fixtures.Wav(2);

        var created = await client.PostRawAsync(wav, "?use=audio&filename=call.wav");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await created.ItemAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostMultipartAsync(wav, "again.wav")).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/media/{item.Id}/content");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        var part = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(wav[1000..2000], await part.Content.ReadAsByteArrayAsync(ct));

        using var s3 = MediaServiceExtensions.CreateS3Client(Options(bucket));
        Assert.Equal(1, await CountObjectsAsync(s3, bucket));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/media/{item.Id}", ct)).StatusCode);
        Assert.Equal(0, await CountObjectsAsync(s3, bucket));
    }
}
