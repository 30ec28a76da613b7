using System.Text.Json.Nodes;

namespace MagicHub.AI;

/// <summary>A model's JSON answer that passed the caller's check, with the tokens of every request it took.</summary>
/// <param name="Json">The answer object.</param>
/// <param name="InputTokens">Prompt tokens over all requests (including a repair).</param>
/// <param name="OutputTokens">Completion tokens over all requests.</param>
/// <param name="Requests">Model requests that got an answer: 1, or 2 after a repair.</param>
public sealed record JsonChatResult(JsonObject Json, long InputTokens, long OutputTokens, int Requests);

/// <summary>The language model gave no usable answer (unreachable, failed after retries, or invalid after one repair).</summary>
public sealed class ChatModelException(string message, Exception? inner = null) : Exception(message, inner);
