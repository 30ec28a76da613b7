using System.Net;
using MagicHub.Media.Contracts;
using MagicHub.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace MagicHub.Media.Tests;

/// <summary>
/// The media database on plain SQL: the API's store round trip on SQLite and on a real PostgreSQL, and a database made by
/// the earlier EF Core version (its create script, rows in its layout) read and extended by the current code.
/// </summary>
public abstract class StorageEngineTests(Dictionary<string, string?> settings)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Items_and_resumable_uploads_round_trip_under_their_tenant()
    {
        await using var factory = new MediaFactory(settings);
        var acme = factory.ClientFor("acme");
        var other = factory.ClientFor("other");

        using var created = await acme.PostRawAsync(Fixtures.Wav(), "?use=audio&filename=call.wav");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await created.ItemAsync();
        using var again = await acme.PostRawAsync(Fixtures.Wav(), "?use=audio&filename=call.wav");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(item.Id, (await again.ItemAsync()).Id);
        using var image = await acme.PostRawAsync(Fixtures.Png(), "?use=image");
        Assert.Equal(HttpStatusCode.Created, image.StatusCode);

        var list = await acme.ListAsync();
        Assert.Equal(2, list.Total);
        Assert.Equal(MediaKind.Image, list.Items[0].Kind);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/media/{item.Id}", Ct)).StatusCode);
        Assert.Equal(0, (await other.ListAsync()).Total);
        var audioOnly = await acme.GetStringAsync("/media?kind=audio", Ct);
        Assert.Contains(item.Id.ToString(), audioOnly);
        Assert.DoesNotContain("image/png", audioOnly);

        using var upload = await acme.PostAsync("/media/uploads", new StringContent(
            $$"""{"file_name": "late.pdf", "use": "document", "length": {{Fixtures.Pdf().Length}}}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var session = System.Text.Json.JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("upload_id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/media/uploads/{session}", Ct)).StatusCode);
        using var chunk = new HttpRequestMessage(HttpMethod.Patch, $"/media/uploads/{session}") { Content = new ByteArrayContent(Fixtures.Pdf()) };
        chunk.Headers.Add("Upload-Offset", "0");
        Assert.Equal(HttpStatusCode.NoContent, (await acme.SendAsync(chunk, Ct)).StatusCode);
        using var complete = await acme.PostAsync($"/media/uploads/{session}/complete", null, Ct);
        Assert.Equal(HttpStatusCode.Created, complete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync($"/media/uploads/{session}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/media/{item.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/media/{item.Id}", Ct)).StatusCode);
        Assert.Equal(2, (await acme.ListAsync()).Total);
        await factory.Events.WaitForAsync(3);
    }
}

public sealed class SqliteStorageEngineTests() : StorageEngineTests([])
{
    [Fact]
    public async Task A_database_made_by_the_EF_Core_version_keeps_its_items_and_takes_new_ones()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "magichub-media-ef-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var oldId = Guid.NewGuid();
        var created = new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "media.db")};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var script = connection.CreateCommand();
            script.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "MediaDb.ef-layout.sqlite.sql"), Ct)
                // A row as EF Core wrote it: upper-case Guid text, the enum's name, UTC ticks.
                + $"""
                   INSERT INTO "media_items" ("Id", "TenantId", "Owner", "Kind", "ContentType", "Size", "Sha256", "ObjectKey", "FileName", "DurationSeconds", "CreatedAt")
                   VALUES ('{oldId.ToString().ToUpperInvariant()}', 'acme', 'user-acme', 'Audio', 'audio/wav', 1234, '{new string('a', 64)}', 'acme/old', 'old.wav', 2.5, {created.UtcTicks});
                   """;
            await script.ExecuteNonQueryAsync(Ct);
        }

        try
        {
            await ReadAndExtendAsync(dataDirectory, oldId, created);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task ReadAndExtendAsync(string dataDirectory, Guid oldId, DateTimeOffset created)
    {
        await using var factory = new MediaFactory(new() { ["Data:Directory"] = dataDirectory });
        var acme = factory.ClientFor("acme");
        var old = System.Text.Json.JsonDocument.Parse(await acme.GetStringAsync($"/media/{oldId}", Ct)).RootElement;
        Assert.Equal("old.wav", old.GetProperty("file_name").GetString());
        Assert.Equal(created, old.GetProperty("created_at").GetDateTimeOffset());
        using var fresh = await acme.PostRawAsync(Fixtures.Wav(), "?use=audio");
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(2, (await acme.ListAsync()).Total);
        await factory.Events.WaitForAsync(1);
    }
}

public sealed class PostgresStorageEngineTests(PostgresServer server) : StorageEngineTests(new()
{
    ["Database:Provider"] = "Postgres",
    ["ConnectionStrings:media"] = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "media_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString,
}), IClassFixture<PostgresServer>;
