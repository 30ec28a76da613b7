using System.Net;
using MagicHub.Media.Contracts;
using MagicHub.Media.Ingest;
using MagicHub.Media.Retention;
using Microsoft.Extensions.DependencyInjection;
using MagicHub.Testing;

namespace MagicHub.Media.Tests;

public abstract class RobustnessTests(SqliteEngine engine) : MediaServiceTests(engine)
{
    /// <summary>Yields real content, then fails as a dropped connection does.</summary>
    private sealed class BrokenStream(byte[] prefix, int failAfter) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter) throw new IOException("connection reset by peer");
            var n = Math.Min(count, failAfter - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = _position + i < prefix.Length ? prefix[_position + i] : (byte)(i & 0x7F);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Interrupted_upload_leaves_nothing_listed_or_stored()
    {
        var client = Factory.ClientFor();
        var body = new StreamContent(new BrokenStream(Fixtures.Wav(0.1), 1_000_000));

        await Assert.ThrowsAnyAsync<Exception>(() => client.PostAsync("/media?use=audio", body, TestContext.Current.CancellationToken));

        // The server notices the broken body a moment later; bounded wait.
        for (var i = 0; i < 50 && Factory.BlobFiles().Length > 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.Empty(Factory.BlobFiles());
        Assert.Equal(0, (await client.ListAsync()).Total);
        Assert.Empty(await Factory.Events.WaitForAsync(0));
    }

    [Fact]
    public async Task Interrupted_ingest_discards_the_temp_blob()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        using var tenant = MagicHub.Security.Tenancy.TenantContext.BeginScope("acme");
        var ingestor = scope.ServiceProvider.GetRequiredService<MediaIngestor>();

        await Assert.ThrowsAsync<IOException>(() =>
            ingestor.IngestAsync(new BrokenStream(Fixtures.Wav(0.1), 500_000), new IngestRequest("x.wav", MediaKind.Audio, null), TestContext.Current.CancellationToken));

        Assert.Empty(Factory.BlobFiles());
    }

    [Fact]
    public async Task Retention_deletes_media_older_than_the_tenant_policy()
    {
        var shortLived = await (await Factory.ClientFor("short").PostRawAsync(Fixtures.Pdf(), "?use=document")).ItemAsync();
        var kept = await (await Factory.ClientFor("default").PostRawAsync(Fixtures.Pdf(), "?use=document")).ItemAsync();
        Assert.Equal(2, Factory.BlobFiles().Length);

        Factory.Clock.Now = Factory.Clock.Now.AddDays(2);
        await using var scope = Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<RetentionSweeper>().SweepAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, result.MediaDeleted);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor("short").GetAsync($"/media/{shortLived.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Factory.ClientFor("default").GetAsync($"/media/{kept.Id}", ct)).StatusCode);
        Assert.Single(Factory.BlobFiles());
    }

    [Fact]
    public async Task Retention_removes_abandoned_resumable_uploads()
    {
        var client = Factory.ClientFor();
        var created = await client.PostAsync("/media/uploads", JsonContent(new { length = 100 }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Factory.Clock.Now = Factory.Clock.Now.AddDays(2);
        await using var scope = Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<RetentionSweeper>().SweepAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, result.UploadsExpired);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(created.Headers.Location, TestContext.Current.CancellationToken)).StatusCode);
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object value) => System.Net.Http.Json.JsonContent.Create(value);
}

public sealed class SqliteRobustnessTests(SqliteEngine engine) : RobustnessTests(engine), IClassFixture<SqliteEngine>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresRobustnessTests(PostgresEngine engine) : RobustnessTests(engine);
