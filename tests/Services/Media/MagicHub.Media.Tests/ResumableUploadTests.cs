using System.Net;
using System.Net.Http.Json;
using MagicHub.Media.Contracts;
using MagicHub.Testing;

namespace MagicHub.Media.Tests;

public abstract class ResumableUploadTests(SqliteEngine engine) : MediaServiceTests(engine)
{
    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, long offset, byte[] chunk)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/media/uploads/{id}") { Content = new ByteArrayContent(chunk) };
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<UploadSessionResponse> CreateAsync(HttpClient client, long? length, string use = "audio")
    {
        var response = await client.PostAsJsonAsync("/media/uploads", new { file_name = "long-call.wav", length, use }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UploadSessionResponse>(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task Chunks_resume_at_the_server_offset_and_complete_into_one_item()
    {
        var wav = Fixtures.Wav(3);
        var client = Factory.ClientFor();
        var ct = TestContext.Current.CancellationToken;
        var session = await CreateAsync(client, wav.Length);

        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(client, session.UploadId, 0, wav[..40_000])).StatusCode);
        // A client that lost track sends the wrong offset: told where to resume.
        var wrong = await PatchAsync(client, session.UploadId, 0, wav[..1000]);
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/media/uploads/{session.UploadId}"), ct);
        var offset = long.Parse(head.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(40_000, offset);
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(client, session.UploadId, offset, wav[40_000..])).StatusCode);

        var complete = await client.PostAsync($"/media/uploads/{session.UploadId}/complete", null, ct);
        Assert.Equal(HttpStatusCode.Created, complete.StatusCode);
        var item = await complete.ItemAsync();
        Assert.Equal("audio/wav", item.ContentType);
        Assert.Equal(3.0, item.DurationSeconds);
        Assert.Equal("long-call.wav", item.FileName);
        Assert.Equal(wav, await client.GetByteArrayAsync($"/media/{item.Id}/content", ct));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/uploads/{session.UploadId}", ct)).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(Factory.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Incomplete_upload_cannot_be_completed_and_is_not_listed()
    {
        var wav = Fixtures.Wav(1);
        var client = Factory.ClientFor();
        var session = await CreateAsync(client, wav.Length);
        await PatchAsync(client, session.UploadId, 0, wav[..5000]);

        var complete = await client.PostAsync($"/media/uploads/{session.UploadId}/complete", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
        Assert.Contains("5,000", (await complete.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, (await client.ListAsync()).Total);
        Assert.Empty(Factory.BlobFiles());
    }

    [Fact]
    public async Task Chunks_past_the_limit_are_413()
    {
        var client = Factory.ClientFor();
        var declared = await client.PostAsJsonAsync("/media/uploads", new { length = 200_000, use = "image" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        var session = await CreateAsync(client, null, "image");
        var over = await PatchAsync(client, session.UploadId, 0, Fixtures.Png(150_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal(0, new FileInfo(Path.Combine(Factory.DataDirectory, "uploads", session.UploadId.ToString("N") + ".part")).Length);
    }

    [Fact]
    public async Task Another_tenants_upload_is_not_found()
    {
        var session = await CreateAsync(Factory.ClientFor("acme"), 10);
        var other = Factory.ClientFor("globex");
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(other, session.UploadId, 0, [1, 2])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/media/uploads/{session.UploadId}/complete", null, TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class SqliteResumableUploadTests(SqliteEngine engine) : ResumableUploadTests(engine), IClassFixture<SqliteEngine>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresResumableUploadTests(PostgresEngine engine) : ResumableUploadTests(engine);
