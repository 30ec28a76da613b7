using MagicHub.Testing;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>The tests run with reflection JSON; the Native AOT image has only the source-generated contracts.</summary>
public sealed class AotJsonTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public void Every_json_body_of_the_api_has_a_source_generated_contract()
    {
        AotJsonContracts.EnsureCovered(fixture.Gateway!.Services);
    }
}
