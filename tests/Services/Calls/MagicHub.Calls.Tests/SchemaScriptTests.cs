using MagicHub.Calls.Data;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Calls.Tests;

public sealed class SchemaScriptTests
{
    [Fact]
    public async Task Sqlite_create_script_is_the_one_the_model_generates()
    {
        await using var calls = new KestrelServiceFactory<CallsDb>().Start();
        SchemaScripts.AssertCurrent<CallsDb>(calls.Services, "src/Services/Calls/Data/CallsDb.sqlite.sql");
    }
}
