using MagicHub.Testing;
using Xunit;

namespace MagicHub.Prompts.Tests;

/// <summary>The tests run with reflection JSON; the Native AOT image has only the source-generated contracts.</summary>
public sealed class AotJsonTests
{
    [Fact]
    public void Every_json_body_of_the_api_has_a_source_generated_contract()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "magichub-prompts-aotjson-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var factory = PromptsHost.Create(dataDir);
            _ = factory.CreateClient();

            AotJsonContracts.EnsureCovered(factory.Services);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }
}
