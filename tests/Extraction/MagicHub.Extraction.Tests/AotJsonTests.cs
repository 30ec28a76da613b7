using MagicHub.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace MagicHub.Extraction.Tests;

/// <summary>The tests run with reflection JSON; the Native AOT image has only the source-generated contracts.</summary>
public sealed class AotJsonTests
{
    [Fact]
    public void Every_json_body_of_the_api_has_a_source_generated_contract()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.TrustTestTokens());
        _ = factory.CreateClient();

        AotJsonContracts.EnsureCovered(factory.Services);
    }
}
