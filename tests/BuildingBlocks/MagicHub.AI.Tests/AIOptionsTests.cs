using MagicHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace MagicHub.AI.Tests;

public sealed class AIOptionsTests
{
    private static async Task<Exception?> StartAsync(Dictionary<string, string?> settings) =>
        await HostStartup.ValidationErrorAsync(settings, builder => builder.AddChatModel(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Offline_is_the_default_and_needs_nothing()
    {
        Assert.Null(await StartAsync([]));
    }

    [Fact]
    public async Task Gemini_without_any_key_fails_on_start()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("GEMINI_API_KEY") is { Length: > 0 }, "GEMINI_API_KEY is set in this environment.");
        var ex = await StartAsync(new() { ["AI:Provider"] = "Gemini" });
        Assert.Contains("GEMINI_API_KEY", ex?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relative_base_url_and_bad_retry_count_fail_on_start()
    {
        var ex = await StartAsync(new() { ["AI:Provider"] = "OpenAICompatible", ["AI:ApiKey"] = "k", ["AI:BaseUrl"] = "/v1", ["AI:MaxRetries"] = "50" });
        Assert.Contains("AI:BaseUrl", ex?.Message, StringComparison.Ordinal);
        Assert.Contains("AI:MaxRetries", ex?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_point_at_the_real_apis()
    {
        Assert.Equal("https://generativelanguage.googleapis.com/", new AIOptions { Provider = ChatProvider.Gemini }.EffectiveBaseUrl.ToString());
        Assert.Equal("https://api.openai.com/v1/", new AIOptions { Provider = ChatProvider.OpenAICompatible }.EffectiveBaseUrl.ToString());
        Assert.Equal("gemini-2.0-flash", new AIOptions { Provider = ChatProvider.Gemini }.EffectiveModel);
    }
}
