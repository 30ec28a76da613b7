using MagicHub.Security.Tenancy;
using Microsoft.Data.Sqlite;
using Xunit;

namespace MagicHub.Security.Tests;

/// <summary>Tenant filtering (<c>WithTenant</c>) and stamping (<c>Stamped</c>) on plain SQL, against a real SQLite database.</summary>
public sealed class TenantSqlTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public TenantSqlTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = """CREATE TABLE "notes" ("Id" INTEGER PRIMARY KEY, "TenantId" TEXT NOT NULL, "Text" TEXT NOT NULL)""";
        create.ExecuteNonQuery();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queries_see_only_the_callers_tenant_and_no_tenant_sees_nothing()
    {
        await InsertAsync(new Note { Text = "a1" }, new FixedTenantContext("tenant-a"));
        await InsertAsync(new Note { Text = "a2" }, new FixedTenantContext("tenant-a"));
        await InsertAsync(new Note { Text = "b1" }, new FixedTenantContext("tenant-b"));

        Assert.Equal(["a1", "a2"], await TextsAsync(new FixedTenantContext("tenant-a")));
        Assert.Equal(["b1"], await TextsAsync(new FixedTenantContext("tenant-b")));
        Assert.Empty(await TextsAsync(new FixedTenantContext(null)));
        Assert.Empty(await TextsAsync(new FixedTenantContext("tenant-c")));
    }

    [Fact]
    public void Stamping_fills_the_callers_tenant_and_refuses_another_or_none()
    {
        Assert.Equal("tenant-a", new Note { Text = "x" }.Stamped(new FixedTenantContext("tenant-a")).TenantId);
        Assert.Equal("tenant-a", new Note { Text = "x", TenantId = "tenant-a" }.Stamped(new FixedTenantContext("tenant-a")).TenantId);
        // Background work without a caller keeps the tenant the row names (an event's).
        Assert.Equal("tenant-b", new Note { Text = "x", TenantId = "tenant-b" }.Stamped(new FixedTenantContext(null)).TenantId);

        Assert.Throws<InvalidOperationException>(() => new Note { Text = "x", TenantId = "tenant-b" }.Stamped(new FixedTenantContext("tenant-a")));
        Assert.Throws<InvalidOperationException>(() => new Note { Text = "x" }.Stamped(new FixedTenantContext(null)));
    }

    private async Task InsertAsync(Note note, ITenantContext caller)
    {
        note.Stamped(caller);
        await using var insert = _connection.CreateCommand();
        insert.CommandText = """INSERT INTO "notes" ("TenantId", "Text") VALUES (@tenant, @text)""";
        insert.WithTenant(note.TenantId);
        insert.Parameters.AddWithValue("text", note.Text);
        await insert.ExecuteNonQueryAsync(Ct);
    }

    private async Task<List<string>> TextsAsync(ITenantContext caller)
    {
        await using var select = _connection.CreateCommand();
        select.CommandText = """SELECT "Text" FROM "notes" WHERE "TenantId" = @tenant ORDER BY "Text" """;
        select.WithTenant(caller);
        var texts = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }

    public void Dispose() => _connection.Dispose();

    private sealed class Note : ITenantOwned
    {
        public string TenantId { get; set; } = "";

        public required string Text { get; init; }
    }
}
