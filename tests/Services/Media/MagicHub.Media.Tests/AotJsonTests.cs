using MagicHub.Testing;

namespace MagicHub.Media.Tests;

/// <summary>The tests run with reflection JSON; the Native AOT image has only the source-generated contracts.</summary>
public sealed class AotJsonTests
{
    [Fact]
    public async Task Every_json_body_of_the_api_has_a_source_generated_contract()
    {
        await using var factory = new MediaFactory();
        _ = factory.CreateClient();

        AotJsonContracts.EnsureCovered(factory.Services);
    }
}
