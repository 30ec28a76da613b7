using System.Text.Json;
using System.Text.Json.Nodes;
using MagicHub.AI;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Schema;
using MagicHub.Extraction.Transcripts;
using MagicHub.Prompts.Contracts;
using Microsoft.Extensions.AI;

namespace MagicHub.Extraction.Llm;

/// <summary>
/// Asks the configured chat model (MagicHub.AI) for the schema fields, names, direction, sentiment and summary as JSON.
/// An answer whose <c>domain_specific_data</c> is missing or has values that do not fit the field types gets one repair
/// request (done by <see cref="ChatModel"/>). Agent metrics and PII stay offline: they are measured, and card numbers never
/// come from the model's answer.
/// </summary>
public sealed class LlmExtractor(ChatModel model)
{
    public sealed record Result(JsonObject Data, GeneralMetrics Metrics, long InputTokens, long OutputTokens);

    public bool IsEnabled => model.IsConfigured;

    public string Name => model.Name;

    /// <exception cref="ChatModelException">The model failed or answered invalid JSON twice.</exception>
    public async Task<Result> ExtractAsync(Transcript t, PromptDocument prompt, GeneralMetrics offline, CancellationToken ct)
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, SystemPrompt(prompt)),
            new(ChatRole.User, string.Join("\n", t.Utterances.Select(u => $"[{u.Start:0.0}-{u.End:0.0}] {u.Role}: {u.Text}"))),
        ];
        var answer = await model.CompleteJsonAsync(messages, json => Check(json, prompt), ct);
        var data = (JsonObject)answer.Json["domain_specific_data"]!.DeepClone();
        return new Result(data, Merge(offline, answer.Json), answer.InputTokens, answer.OutputTokens);
    }

    /// <summary>Problems worth a repair: no data object, or values that do not fit their field's type.</summary>
    internal static IReadOnlyList<string> Check(JsonObject json, PromptDocument prompt)
    {
        if (json["domain_specific_data"] is not JsonObject data) return ["The answer must have a 'domain_specific_data' object."];
        var (_, problems) = SchemaValidator.Validate(data, prompt.Fields);
        return problems.Where(p => p.Contains("does not fit", StringComparison.Ordinal)).ToList();
    }

    private static GeneralMetrics Merge(GeneralMetrics offline, JsonObject json)
    {
        string? S(string key) => json[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        var names = offline.Names with { Agent = S("agent_name") ?? offline.Names.Agent, Customer = S("customer_name") ?? offline.Names.Customer };
        var direction = offline.CallDirection with
        {
            Direction = S("call_direction") is "inbound" or "outbound" ? S("call_direction")! : offline.CallDirection.Direction,
            InteractionType = S("interaction_type") ?? offline.CallDirection.InteractionType,
        };
        var sentiment = S("sentiment") is "positive" or "negative" or "neutral"
            ? offline.SentimentIntent with { Overall = offline.SentimentIntent.Overall with { Label = S("sentiment")! }, Intent = S("intent") ?? offline.SentimentIntent.Intent }
            : offline.SentimentIntent;
        return offline with { Names = names, CallDirection = direction, SentimentIntent = sentiment, Summary = S("summary") ?? offline.Summary };
    }

    private static string SystemPrompt(PromptDocument prompt) =>
        prompt.Instructions + "\n\nField schema (JSON):\n" + JsonSerializer.Serialize(prompt.Fields, PromptsJsonContext.Default.IReadOnlyListPromptField) +
        "\n\nAnswer with one JSON object only: {\"domain_specific_data\": {<field>: <value or null>}, \"agent_name\": string|null, " +
        "\"customer_name\": string|null, \"call_direction\": \"inbound\"|\"outbound\", \"interaction_type\": string, " +
        "\"sentiment\": \"positive\"|\"neutral\"|\"negative\", \"intent\": string, \"summary\": string (2-3 sentences, no card numbers)}.";
}
