using MagicHub.Testing;
using Xunit;

namespace MagicHub.Transcription.Tests;

/// <summary>The tests run with reflection JSON; the Native AOT image has only the source-generated contracts.</summary>
public sealed class AotJsonTests
{
    [Fact]
    public async Task Every_json_body_of_the_api_has_a_source_generated_contract()
    {
        await using var host = new TranscriptionHost();
        _ = host.CreateClient();

        AotJsonContracts.EnsureCovered(host.Services);
    }
}
