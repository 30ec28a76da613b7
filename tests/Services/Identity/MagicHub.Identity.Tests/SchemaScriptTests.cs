using MagicHub.Identity.Data;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Identity.Tests;

public sealed class SchemaScriptTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    [Fact]
    public void Sqlite_create_script_is_the_one_the_model_generates() =>
        SchemaScripts.AssertCurrent<IdentityDb>(fixture.Service.Services, "src/Services/Identity/Data/IdentityDb.sqlite.sql");
}
