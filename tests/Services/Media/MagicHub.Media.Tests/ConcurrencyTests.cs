using System.Net;
using System.Net.Http.Json;
using MagicHub.Media.Contracts;
using MagicHub.Media.Retention;
using MagicHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MagicHub.Media.Tests;

/// <summary>
/// Requests that race on one item or upload (what EF Core's change tracking used to paper over): each engine resolves them
/// with unique keys and conditional updates and deletes, never a 5xx.
/// </summary>
public abstract class ConcurrencyTests(SqliteEngine engine) : MediaServiceTests(engine)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_identical_uploads_store_one_item_and_one_event()
    {
        var client = Factory.ClientFor("acme");
        var pdf = Fixtures.Pdf();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostRawAsync(pdf, "?use=document")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        var ids = await Task.WhenAll(responses.Select(r => r.ItemAsync()));
        Assert.Single(ids.Select(i => i.Id).Distinct());
        Assert.Single(Factory.BlobFiles(), f => !f.Contains(".tmp", StringComparison.Ordinal));
        Assert.Equal(1, (await client.ListAsync()).Total);
        Assert.IsType<MediaUploaded>(Assert.Single(await Factory.Events.WaitForAsync(1)));
    }

    [Fact]
    public async Task Concurrent_deletes_of_one_item_all_succeed_or_find_nothing()
    {
        var client = Factory.ClientFor();
        var item = await (await client.PostRawAsync(Fixtures.Png(), "?use=image")).ItemAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.DeleteAsync($"/media/{item.Id}", Ct)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.NotFound }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{item.Id}", Ct)).StatusCode);
        Assert.Empty(Factory.BlobFiles());
    }

    [Fact]
    public async Task Concurrent_completes_of_one_upload_store_it_once()
    {
        var client = Factory.ClientFor();
        var wav = Fixtures.Wav(0.5);
        var session = await CreateUploadAsync(client, wav.Length);
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(client, session.UploadId, 0, wav)).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync($"/media/uploads/{session.UploadId}/complete", null, Ct)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{r.StatusCode}: {r.Content.ReadAsStringAsync(Ct).Result}"));
        Assert.Equal(1, (await client.ListAsync()).Total);
        Assert.Single(await Factory.Events.WaitForAsync(1));
        Assert.Empty(Directory.GetFiles(Path.Combine(Factory.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task A_cancelled_upload_takes_no_more_chunks_and_another_tenant_cannot_cancel_it()
    {
        var client = Factory.ClientFor("acme");
        var session = await CreateUploadAsync(client, 100);

        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor("globex").DeleteAsync($"/media/uploads/{session.UploadId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/media/uploads/{session.UploadId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/media/uploads/{session.UploadId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(client, session.UploadId, 0, [1, 2, 3])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/media/uploads/{session.UploadId}/complete", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_chunk_pushes_the_expiry_out_so_the_sweep_keeps_the_upload()
    {
        var client = Factory.ClientFor();
        var wav = Fixtures.Wav(0.5);
        var session = await CreateUploadAsync(client, wav.Length);
        Factory.Clock.Now = Factory.Clock.Now.AddHours(23);
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(client, session.UploadId, 0, wav[..1000])).StatusCode);
        Factory.Clock.Now = Factory.Clock.Now.AddHours(2);

        Assert.Equal(0, (await SweepAsync()).UploadsExpired);
        var state = (await client.GetFromJsonAsync<UploadSessionResponse>($"/media/uploads/{session.UploadId}", Ct))!;
        Assert.Equal(1000, state.Offset);

        Factory.Clock.Now = Factory.Clock.Now.AddHours(23);
        Assert.Equal(1, (await SweepAsync()).UploadsExpired);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/uploads/{session.UploadId}", Ct)).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(Factory.DataDirectory, "uploads")));
    }

    private async Task<SweepResult> SweepAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionSweeper>().SweepAsync(Ct);
    }

    private static async Task<UploadSessionResponse> CreateUploadAsync(HttpClient client, long length)
    {
        var response = await client.PostAsJsonAsync("/media/uploads", new { file_name = "call.wav", length, use = "audio" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UploadSessionResponse>(Ct))!;
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, long offset, byte[] chunk)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/media/uploads/{id}") { Content = new ByteArrayContent(chunk) };
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return client.SendAsync(request, Ct);
    }
}

public sealed class SqliteConcurrencyTests(SqliteEngine engine) : ConcurrencyTests(engine), IClassFixture<SqliteEngine>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresConcurrencyTests(PostgresEngine engine) : ConcurrencyTests(engine);
