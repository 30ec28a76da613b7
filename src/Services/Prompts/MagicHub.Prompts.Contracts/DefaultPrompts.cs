using System.Text.Json;

namespace MagicHub.Prompts.Contracts;

/// <summary>
/// The built-in extraction prompts: a field schema per default domain/category pair plus generic fields. The prompts
/// service seeds its database from it; the extraction service falls back to it when the prompts service is unreachable.
/// </summary>
public static class DefaultPrompts
{
    private static readonly Lazy<Dictionary<string, IReadOnlyList<PromptField>>> Schemas = new(Load);

    /// <summary>Fields useful in any call (name, phone, email, reference, amount, follow-up, resolved).</summary>
    public static IReadOnlyList<PromptField> GenericFields => Schemas.Value["generic"];

    /// <summary>The built-in field schema of a pair, or null when the pair has none.</summary>
    public static IReadOnlyList<PromptField>? FieldsFor(string domain, string category) =>
        Schemas.Value.TryGetValue($"{domain}/{category}", out var fields) ? fields : null;

    /// <summary>The instructions text shared by the built-in prompts.</summary>
    public static string Instructions(string domain, string category, string description) =>
        $"You analyze a {domain.Replace('_', ' ')} customer-service call of category '{category}' ({description.TrimEnd('.')}). "
        + "Read the transcript and fill every field of the schema with the value stated in the call, typed as the schema says "
        + "(numbers and money as numbers, dates as ISO dates or the spoken weekday, times as HH:mm, enums as one of the listed values). "
        + "Use null when the call does not state a value; never guess. Never output a full card number, CVV or SSN.";

    /// <summary>Builds a prompt document from the built-in data (version 1, source <c>seed</c>).</summary>
    public static PromptDocument Build(string domain, string category, string description, IReadOnlyList<string> keywords, IReadOnlyList<PromptField> fields, DateTimeOffset createdAt) =>
        new(domain, category, 1, true, description, keywords, Instructions(domain, category, description), fields, "seed", createdAt);

    private static Dictionary<string, IReadOnlyList<PromptField>> Load()
    {
        using var stream = typeof(DefaultPrompts).Assembly.GetManifestResourceStream("MagicHub.Prompts.Contracts.prompt-schemas.json")
            ?? throw new InvalidOperationException("The built-in prompt schema resource is missing.");
        return JsonSerializer.Deserialize(stream, PromptsJsonContext.Default.DictionaryStringIReadOnlyListPromptField)
            ?? throw new InvalidOperationException("The built-in prompt schema resource is empty.");
    }
}
