using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MagicHub.AI;
using MagicHub.Prompts.Contracts;
using Microsoft.Extensions.AI;

namespace MagicHub.Prompts.Prompts;

/// <summary>
/// Generates the prompt of a new pair with the configured chat model (MagicHub.AI), given the closest known prompts as
/// examples; the answer's field schema is validated (one repair request on problems). Without a model, or when the model
/// fails, the offline <see cref="PromptGenerator"/> writes it.
/// </summary>
public sealed partial class ModelPromptGenerator(ChatModel model, TimeProvider time, ILogger<ModelPromptGenerator> logger)
{
    public async Task<PromptDocument> GenerateAsync(string domain, string category, IReadOnlyList<PromptDocument> known, CancellationToken ct)
    {
        if (!model.IsConfigured) return PromptGenerator.Generate(domain, category, known, time.GetUtcNow());
        var examples = new JsonArray([.. PromptGenerator.Closest(domain, category, known, 3).Select(Example)]);
        ChatMessage[] messages =
        [
            new(ChatRole.System,
                "You write extraction prompts for a call-centre analytics system. A prompt is natural-language instructions plus a field schema. " +
                $"Field types: {string.Join(", ", FieldTypes.All)}; enum fields list enum_values. Field names are snake_case. " +
                "Answer with one JSON object: {\"description\": string, \"keywords\": [string], \"instructions\": string, " +
                "\"fields\": [{\"name\": string, \"type\": string, \"description\": string, \"required\": boolean, \"enum_values\": [string]|null}]} " +
                "with 4 to 12 fields specific to the category, including customer_name. Instructions must forbid outputting full card numbers, CVV or SSN."),
            new(ChatRole.User, $"Example prompts: {examples.ToJsonString()}\n\nWrite the prompt for domain '{domain}', category '{category}'."),
        ];
        try
        {
            var answer = await model.CompleteJsonAsync(messages, Check, ct);
            var a = answer.Json;
            LogGenerated(logger, domain, category, model.Name, answer.InputTokens, answer.OutputTokens);
            return new PromptDocument(domain, category, 1, true, a["description"]!.GetValue<string>().Trim(),
                Keywords(a), a["instructions"]!.GetValue<string>().Trim(), ParseFields(a)!, "generated-llm", time.GetUtcNow());
        }
        catch (ChatModelException ex)
        {
            LogFallback(logger, domain, category, model.Name, ex.Message);
            return PromptGenerator.Generate(domain, category, known, time.GetUtcNow());
        }
    }

    /// <summary>The schema check of a generated prompt: texts present, 1-20 typed, uniquely named fields, enums with values.</summary>
    internal static IReadOnlyList<string> Check(JsonObject answer)
    {
        var problems = new List<string>();
        if (Text(answer["description"]) is not { Length: > 0 and <= 500 }) problems.Add("'description' must be a non-empty string of at most 500 characters.");
        if (Text(answer["instructions"]) is not { Length: >= 20 }) problems.Add("'instructions' must be a string of at least 20 characters.");
        if (answer["keywords"] is not (null or JsonArray)) problems.Add("'keywords' must be an array of strings.");
        List<PromptField>? fields;
        try
        {
            fields = ParseFields(answer);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return [.. problems, $"'fields' does not match the field schema: {ex.Message}"];
        }
        if (fields is not { Count: > 0 and <= 20 }) return [.. problems, "'fields' must be an array of 1 to 20 fields."];
        foreach (var f in fields)
        {
            if (f.Name is null || !NamePattern().IsMatch(f.Name)) problems.Add($"Field name '{f.Name}' must be snake_case (a-z, 0-9, _).");
            if (!FieldTypes.All.Contains(f.Type)) problems.Add($"Field '{f.Name}' has type '{f.Type}', not one of {string.Join(", ", FieldTypes.All)}.");
            if (f.Type == FieldTypes.Enum && f.EnumValues is not { Count: > 0 }) problems.Add($"Enum field '{f.Name}' needs enum_values.");
        }
        if (fields.Select(f => f.Name).Distinct().Count() != fields.Count) problems.Add("Field names must be unique.");
        return problems;
    }

    /// <summary>A known prompt in the answer's own shape, plus its pair.</summary>
    private static JsonNode Example(PromptDocument k) => new JsonObject
    {
        ["domain"] = k.Domain,
        ["category"] = k.Category,
        ["description"] = k.Description,
        ["keywords"] = JsonSerializer.SerializeToNode(k.Keywords, PromptsJsonContext.Default.IReadOnlyListString),
        ["instructions"] = k.Instructions,
        ["fields"] = JsonSerializer.SerializeToNode(k.Fields, PromptsJsonContext.Default.IReadOnlyListPromptField),
    };

    private static List<PromptField>? ParseFields(JsonObject answer) =>
        answer["fields"] is JsonArray array ? array.Deserialize(PromptsJsonContext.Default.IReadOnlyListPromptField)?.Select(f => f with { Description = f.Description ?? "" }).ToList() : null;

    private static List<string> Keywords(JsonObject answer) =>
        (answer["keywords"] as JsonArray ?? []).Select(Text).OfType<string>().Where(k => k.Length > 0).Take(15).ToList();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated the prompt of {Domain}/{Category} with {Provider} ({InputTokens} input, {OutputTokens} output tokens)")]
    private static partial void LogGenerated(ILogger logger, string domain, string category, string provider, long inputTokens, long outputTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Provider} could not generate the prompt of {Domain}/{Category} ({Reason}); using the offline generator")]
    private static partial void LogFallback(ILogger logger, string domain, string category, string provider, string reason);
}
