using System.ClientModel;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Schema;
using MagicHub.Extraction.Transcripts;
using MagicHub.Prompts.Contracts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MagicHub.Extraction.Llm;

/// <summary>
/// Asks a chat model (any Microsoft.Extensions.AI client) for the schema fields, names, direction, sentiment and summary as
/// JSON; checks the JSON against the schema, asks once more to repair invalid JSON, retries 429/5xx with exponential backoff.
/// Agent metrics and PII stay offline: they are measured, and card numbers never go to the model's answer.
/// </summary>
public sealed class LlmExtractor(IChatClient chat, string name, IOptions<LlmOptions> options, TimeProvider time)
{
    public sealed record Result(JsonObject Data, GeneralMetrics Metrics, long InputTokens, long OutputTokens);

    public string Name { get; } = name;

    public async Task<Result> ExtractAsync(Transcript t, PromptDocument prompt, GeneralMetrics offline, CancellationToken ct)
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, SystemPrompt(prompt)),
            new(ChatRole.User, string.Join("\n", t.Utterances.Select(u => $"[{u.Start:0.0}-{u.End:0.0}] {u.Role}: {u.Text}"))),
        ];
        long input = 0, output = 0;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var response = await SendAsync(messages, ct);
            input += response.Usage?.InputTokenCount ?? 0;
            output += response.Usage?.OutputTokenCount ?? 0;
            var text = StripFences(response.Text);
            string problem;
            try
            {
                if (JsonNode.Parse(text) is JsonObject json && json["domain_specific_data"] is JsonObject data)
                {
                    var (_, problems) = SchemaValidator.Validate(data, prompt.Fields);
                    if (!problems.Any(p => p.Contains("does not fit", StringComparison.Ordinal)) || attempt == 1)
                        return new Result((JsonObject)data.DeepClone(), Merge(offline, json), input, output);
                    problem = string.Join(" ", problems);
                }
                else problem = "The answer must be a JSON object with a 'domain_specific_data' object.";
            }
            catch (JsonException ex)
            {
                problem = "The answer was not valid JSON: " + ex.Message;
            }
            if (attempt == 1) throw new LlmException("The model's answer was invalid after one repair: " + problem);
            messages.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            messages.Add(new ChatMessage(ChatRole.User, $"{problem} Answer again with only the corrected JSON object."));
        }
        throw new LlmException("unreachable");
    }

    private async Task<ChatResponse> SendAsync(List<ChatMessage> messages, CancellationToken ct)
    {
        var o = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
                return await chat.GetResponseAsync(messages, new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json }, timeout.Token);
            }
            catch (Exception ex) when (Transient(ex) && attempt < o.MaxRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(o.RetryBaseDelayMs * Math.Pow(2, attempt)), time, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or ClientResultException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                throw new LlmException($"{Name} request failed: {ex.Message}", ex);
            }
        }
    }

    private static bool Transient(Exception ex)
    {
        var status = ex switch
        {
            HttpRequestException h => (int?)h.StatusCode,
            ClientResultException c => c.Status,
            _ => null,
        };
        return status is 429 or >= 500;
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
        prompt.Instructions + "\n\nField schema (JSON):\n" + JsonSerializer.Serialize(prompt.Fields) +
        "\n\nAnswer with one JSON object only: {\"domain_specific_data\": {<field>: <value or null>}, \"agent_name\": string|null, " +
        "\"customer_name\": string|null, \"call_direction\": \"inbound\"|\"outbound\", \"interaction_type\": string, " +
        "\"sentiment\": \"positive\"|\"neutral\"|\"negative\", \"intent\": string, \"summary\": string (2-3 sentences, no card numbers)}.";

    private static string StripFences(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith("```", StringComparison.Ordinal)) return t;
        var start = t.IndexOf('\n', StringComparison.Ordinal);
        var end = t.LastIndexOf("```", StringComparison.Ordinal);
        return start > 0 && end > start ? t[(start + 1)..end].Trim() : t;
    }
}
