using System.Net;
using Microsoft.Data.Sqlite;
using Xunit;

namespace MagicHub.Media.Tests;

/// <summary>
/// A database made by the earlier EF Core version (its create script, a row as it wrote it) read and extended by the current
/// plain-SQL code. Every other media test class runs on SQLite and on a real PostgreSQL.
/// </summary>
public sealed class LegacyDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
            // The factory deletes its data directory when it is disposed; this covers a failure before it started.
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task ReadAndExtendAsync(string dataDirectory, Guid oldId, DateTimeOffset created)
    {
        await using var factory = new MediaFactory(settings: new() { ["Data:Directory"] = dataDirectory });
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
