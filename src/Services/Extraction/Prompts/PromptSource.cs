using System.Net;
using System.Net.Http.Json;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Extraction.Prompts;

/// <summary>Typed client of the prompts service (<c>GET /fetch-prompt</c>), falling back to the built-in prompts when it is unreachable.</summary>
public sealed partial class PromptSource(HttpClient http, ILogger<PromptSource> logger)
{
    public async Task<(PromptDocument Prompt, bool FromService)> GetAsync(string domain, string category, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync($"/fetch-prompt?domain={Uri.EscapeDataString(domain)}&category={Uri.EscapeDataString(category)}", ct);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync(PromptsJsonContext.Default.PromptDocument, ct) is { } prompt) return (prompt, true);
            if (response.StatusCode != HttpStatusCode.NotFound) LogUnavailable(logger, domain, category, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogUnreachable(logger, ex.GetType().Name);
        }
        return (Fallback(domain, category), false);
    }

    /// <summary>The built-in prompt of a known pair, else the closest default category's fields plus generic fields.</summary>
    public static PromptDocument Fallback(string domain, string category)
    {
        var info = DomainCatalog.Default.Domains.FirstOrDefault(d => d.Domain == domain)?.Categories.FirstOrDefault(c => c.Category == category);
        var fields = DefaultPrompts.FieldsFor(domain, category) ?? DefaultPrompts.GenericFields;
        var description = info?.Description ?? $"{category.Replace('_', ' ')} calls in {domain.Replace('_', ' ')}";
        var prompt = DefaultPrompts.Build(domain, category, description, info?.Keywords ?? [], fields, DateTimeOffset.UtcNow);
        return prompt with { Version = 0, Source = "fallback" };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prompts service answered {Status} for {Domain}/{Category}; using the built-in prompt")]
    private static partial void LogUnavailable(ILogger logger, string domain, string category, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prompts service unreachable ({Error}); using the built-in prompt")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
