using MagicHub.Prompts.Data;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Prompts.Tests;

public sealed class SchemaScriptTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "magichub-prompts-script-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Sqlite_create_script_is_the_one_the_model_generates()
    {
        using var factory = PromptsHost.Create(_dataDir);
        SchemaScripts.AssertCurrent<PromptsDb>(factory.Services, "src/Services/Prompts/Data/PromptsDb.sqlite.sql");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }
}
