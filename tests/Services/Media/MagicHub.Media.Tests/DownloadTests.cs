using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MagicHub.Media.Contracts;
using MagicHub.Testing;

namespace MagicHub.Media.Tests;

public abstract class DownloadTests(SqliteEngine engine) : MediaServiceTests(engine)
{
    [Fact]
    public async Task Content_supports_range_requests()
    {
        var wav = Fixtures.Wav(0.5);
        var client = Factory.ClientFor();
        var item = await (await client.PostRawAsync(wav, "?use=audio&filename=call.wav")).ItemAsync();
        var ct = TestContext.Current.CancellationToken;

        var whole = await client.GetAsync($"/media/{item.Id}/content", ct);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/wav", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(wav, await whole.Content.ReadAsByteArrayAsync(ct));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/media/{item.Id}/content");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var part = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(wav[100..200], await part.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal(wav.Length, part.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task Signed_url_downloads_without_tenant_until_it_expires()
    {
        var png = Fixtures.Png();
        var item = await (await Factory.ClientFor("acme").PostRawAsync(png, "?use=image")).ItemAsync();
        var ct = TestContext.Current.CancellationToken;
        var signed = (await Factory.ClientFor("acme").GetFromJsonAsync<SignedUrlResponse>($"/media/{item.Id}/signed-url?ttl=60", ct))!;
        var anonymous = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/media/{item.Id}/content", ct)).StatusCode);

        var ok = await anonymous.GetAsync(signed.Url, ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(png, await ok.Content.ReadAsByteArrayAsync(ct));

        var tampered = signed.Url.Replace("expires=", "expires=9", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(tampered, ct)).StatusCode);

        Factory.Clock.Now = Factory.Clock.Now.AddSeconds(61);
        var expired = await anonymous.GetAsync(signed.Url, ct);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("expired", (await expired.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Delete_erases_content_and_metadata()
    {
        var client = Factory.ClientFor();
        var item = await (await client.PostRawAsync(Fixtures.Pdf(), "?use=document")).ItemAsync();
        var ct = TestContext.Current.CancellationToken;
        Assert.Single(Factory.BlobFiles());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/media/{item.Id}", ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{item.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{item.Id}/content", ct)).StatusCode);
        Assert.Empty(Factory.BlobFiles());
        // Erased content may be uploaded again as a new item.
        Assert.Equal(HttpStatusCode.Created, (await client.PostRawAsync(Fixtures.Pdf(), "?use=document")).StatusCode);
    }

    [Fact]
    public async Task List_is_filtered_by_kind_and_paged()
    {
        var client = Factory.ClientFor();
        await client.PostRawAsync(Fixtures.Pdf(), "?use=document");
        await client.PostRawAsync(Fixtures.Png(), "?use=image");
        await client.PostRawAsync(Fixtures.Png(10, 1), "?use=image");
        var ct = TestContext.Current.CancellationToken;

        var images = (await client.GetFromJsonAsync<MediaListResponse>("/media?kind=image&take=1", ct))!;
        Assert.Equal(2, images.Total);
        Assert.Equal(MediaKind.Image, Assert.Single(images.Items).Kind);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/media?take=0", ct)).StatusCode);
    }
}

public sealed class SqliteDownloadTests(SqliteEngine engine) : DownloadTests(engine), IClassFixture<SqliteEngine>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresDownloadTests(PostgresEngine engine) : DownloadTests(engine);
