using Microsoft.Extensions.Options;

namespace MagicHub.AI;

/// <summary>Checks <see cref="AIOptions"/> at start: a configured provider needs an absolute http(s) URL and an API key.</summary>
public sealed class AIOptionsValidator : IValidateOptions<AIOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AIOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Provider)) errors.Add($"AI:Provider must be one of {string.Join(", ", Enum.GetNames<ChatProvider>())}.");
        if (options.MaxRetries is < 0 or > 10) errors.Add("AI:MaxRetries must be between 0 and 10.");
        if (options.RetryBaseDelayMs is < 0 or > 60_000) errors.Add("AI:RetryBaseDelayMs must be between 0 and 60000.");
        if (options.TimeoutSeconds is < 1 or > 600) errors.Add("AI:TimeoutSeconds must be between 1 and 600.");
        if (options.Provider != ChatProvider.Offline)
        {
            if (!string.IsNullOrWhiteSpace(options.BaseUrl)
                && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
                errors.Add("AI:BaseUrl must be an absolute http(s) URL.");
            if (options.EffectiveApiKey is null)
            {
                var variable = options.Provider == ChatProvider.Gemini ? "GEMINI_API_KEY" : "OPENAI_API_KEY";
                errors.Add($"AI:ApiKey (or {variable}) is required for provider {options.Provider}.");
            }
        }
        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
