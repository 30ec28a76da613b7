using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MagicHub.AI;

/// <summary>
/// The configured language model, asked for JSON: each answer is parsed and passed to the caller's check (its schema); an
/// invalid answer gets exactly one repair request naming the problem; 429, 5xx and timeouts are retried with exponential
/// backoff; token usage is summed over all requests. With <see cref="ChatProvider.Offline"/>, <see cref="IsConfigured"/> is false.
/// </summary>
public sealed partial class ChatModel : IDisposable
{
    private readonly AIOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatModel> _logger;
    private readonly HttpClient? _http;
    private readonly IChatClient? _client;

    /// <summary>Creates the model from validated options.</summary>
    public ChatModel(IOptions<AIOptions> options, TimeProvider time, ILogger<ChatModel> logger)
    {
        (_options, _time, _logger) = (options.Value, time, logger);
        if (_options.Provider == ChatProvider.Offline) return;
        // Own connection pool, no platform resilience handler: retries and timeouts here fit model latencies.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        _client = ChatClientFactory.Create(_options, _http);
    }

    /// <summary>True when a provider other than Offline is configured.</summary>
    public bool IsConfigured => _client is not null;

    /// <summary>Short provider name for responses and logs: <c>offline</c>, <c>gemini</c> or <c>openai</c>.</summary>
    public string Name => _options.Provider switch { ChatProvider.Gemini => "gemini", ChatProvider.OpenAICompatible => "openai", _ => "offline" };

    /// <summary>
    /// Sends <paramref name="messages"/> in JSON mode and returns the answer object once <paramref name="check"/> finds no
    /// problems (after at most one repair request).
    /// </summary>
    /// <param name="messages">System and user messages.</param>
    /// <param name="check">Schema check of an answer: the problems to tell the model, empty when the answer is usable.</param>
    /// <param name="cancellationToken">Cancels the whole exchange.</param>
    /// <exception cref="ChatModelException">No model, a failed request after retries, or an invalid answer after the repair.</exception>
    public async Task<JsonChatResult> CompleteJsonAsync(IEnumerable<ChatMessage> messages, Func<JsonObject, IReadOnlyList<string>> check, CancellationToken cancellationToken)
    {
        if (_client is null) throw new ChatModelException("No language model is configured (AI:Provider is Offline).");
        List<ChatMessage> conversation = [.. messages];
        long input = 0, output = 0;
        for (var round = 1; ; round++)
        {
            var response = await SendAsync(_client, conversation, cancellationToken);
            input += response.Usage?.InputTokenCount ?? 0;
            output += response.Usage?.OutputTokenCount ?? 0;
            var problems = Inspect(response.Text, check, out var json);
            if (problems.Count == 0) return new JsonChatResult(json!, input, output, round);
            LogInvalidAnswer(_logger, Name, round, problems.Count);
            if (round == 2) throw new ChatModelException($"The {Name} answer was invalid after one repair: {string.Join(" ", problems)}");
            conversation.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            conversation.Add(new ChatMessage(ChatRole.User,
                $"Your answer cannot be used: {string.Join(" ", problems)} Answer again with only the corrected JSON object."));
        }
    }

    private static List<string> Inspect(string text, Func<JsonObject, IReadOnlyList<string>> check, out JsonObject? json)
    {
        json = null;
        try
        {
            json = JsonNode.Parse(StripFences(text)) as JsonObject;
        }
        catch (JsonException ex)
        {
            return [$"It is not valid JSON ({ex.Message})."];
        }
        return json is null ? ["It must be a single JSON object."] : [.. check(json)];
    }

    private async Task<ChatResponse> SendAsync(IChatClient client, List<ChatMessage> conversation, CancellationToken ct)
    {
        var chatOptions = new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json };
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            try
            {
                return await client.GetResponseAsync(conversation, chatOptions, timeout.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && Status(ex) is var status && (status is 429 or >= 500 || ex is OperationCanceledException))
            {
                if (attempt >= _options.MaxRetries) throw new ChatModelException($"{Name} request failed after {attempt + 1} attempts: {ex.Message}", ex);
                var delay = TimeSpan.FromMilliseconds(_options.RetryBaseDelayMs * Math.Pow(2, attempt));
                LogRetry(_logger, Name, status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "timeout", delay.TotalMilliseconds);
                await Task.Delay(delay, _time, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or ClientResultException)
            {
                throw new ChatModelException($"{Name} request failed: {ex.Message}", ex);
            }
        }
    }

    private static int? Status(Exception ex) => ex switch
    {
        HttpRequestException h => (int?)h.StatusCode,
        ClientResultException c => c.Status == 0 ? null : c.Status,
        _ => null,
    };

    private static string StripFences(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith("```", StringComparison.Ordinal)) return t;
        var start = t.IndexOf('\n', StringComparison.Ordinal);
        var end = t.LastIndexOf("```", StringComparison.Ordinal);
        return start > 0 && end > start ? t[(start + 1)..end].Trim() : t;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        _http?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model {Provider} answer {Round} failed its check with {ProblemCount} problems")]
    private static partial void LogInvalidAnswer(ILogger logger, string provider, int round, int problemCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model {Provider} answered {Status}; retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string provider, string status, double delayMs);
}
