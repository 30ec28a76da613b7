using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace MagicHub.Persistence.Tests;

/// <summary>A new SQLite database created from a script generated from the model (<see cref="SchemaScript"/>).</summary>
public sealed class SchemaScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("magichub-script-").FullName;

    [Fact]
    public async Task Database_created_from_the_script_equals_the_one_created_from_the_model_and_is_up_to_date()
    {
        var ct = TestContext.Current.CancellationToken;
        var fromScript = ConnectionString("script.db");
        var fromModel = ConnectionString("model.db");
        await using (var model = Context(fromModel))
        {
            await SchemaMigration.MigrateAsync(model, DatabaseProvider.Sqlite, NotesDbV2.Upgrades, NullLogger.Instance, ct);
        }
        string script;
        await using (var db = Context(fromScript))
        {
            script = db.Database.GenerateCreateScript();
        }

        var created = await SchemaMigration.TryCreateFromScriptAsync(fromScript, script, NotesDbV2.Upgrades, ct);

        Assert.True(created?.Created);
        Assert.Equal(await SchemaOf(fromModel, ct), await SchemaOf(fromScript, ct));
        Assert.Null(await SchemaMigration.TryCreateFromScriptAsync(fromScript, script, NotesDbV2.Upgrades, ct));
        await using var again = Context(fromScript);
        var migration = await SchemaMigration.MigrateAsync(again, DatabaseProvider.Sqlite, NotesDbV2.Upgrades, NullLogger.Instance, ct);
        Assert.False(migration.Created);
        Assert.Empty(migration.Applied);
    }

    private string ConnectionString(string file) => $"Data Source={Path.Combine(_directory, file)};Pooling=False";

    private static NotesDbV2 Context(string connectionString) =>
        new(new DbContextOptionsBuilder<NotesDbV2>().UseSqlite(connectionString).Options);

    private static async Task<List<string>> SchemaOf(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
