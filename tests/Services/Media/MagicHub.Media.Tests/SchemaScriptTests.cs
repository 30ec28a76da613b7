using MagicHub.Media.Data;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Media.Tests;

public sealed class SchemaScriptTests
{
    [Fact]
    public async Task Sqlite_create_script_is_the_one_the_model_generates()
    {
        await using var factory = new MediaFactory();
        SchemaScripts.AssertCurrent<MediaDb>(factory.Services, "src/Services/Media/Data/MediaDb.sqlite.sql");
    }
}
