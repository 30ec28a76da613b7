using MagicHub.AI;
using MagicHub.Extraction.Contracts;
using MagicHub.Extraction.Llm;
using MagicHub.Extraction.Offline;
using MagicHub.Extraction.Prompts;
using MagicHub.Extraction.Schema;
using MagicHub.Extraction.Transcripts;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Extraction.Extract;

/// <summary>Runs one extraction: resolve the prompt, analyze offline, let a configured language model refine, validate against the schema.</summary>
public sealed partial class ExtractionService(PromptSource prompts, OfflineAnalyzer offline, LlmExtractor llm, ILogger<ExtractionService> logger)
{
    public async Task<ExtractResponse> ExtractAsync(ExtractRequest request, CancellationToken ct)
    {
        var transcript = Transcript.From(request);
        var domain = request.Domain!.Trim().ToLowerInvariant();
        var category = request.Category!.Trim().ToLowerInvariant();
        var prompt = await ResolvePromptAsync(request, domain, category, ct);
        var result = offline.Analyze(transcript, prompt);
        var data = result.Data;
        var metrics = result.Metrics;
        var engine = "offline";
        long[] tokens = [0, 0];
        if (llm.IsEnabled)
        {
            try
            {
                var refined = await llm.ExtractAsync(transcript, prompt, metrics, ct);
                (data, metrics, tokens, engine) = (refined.Data, refined.Metrics, [refined.InputTokens, refined.OutputTokens], llm.Name);
            }
            catch (ChatModelException ex)
            {
                LogLlmFailed(logger, llm.Name, ex.Message);
                engine = "offline-fallback";
            }
        }
        var (clean, problems) = SchemaValidator.Validate(data, prompt.Fields);
        LogExtracted(logger, domain, category, engine, metrics.Pii.Count, problems.Count);
        return new ExtractResponse(clean, metrics, tokens, engine, prompt.Version, problems);
    }

    private async Task<PromptDocument> ResolvePromptAsync(ExtractRequest request, string domain, string category, CancellationToken ct)
    {
        if (request.CustomPrompt is { } custom)
        {
            var basis = PromptSource.Fallback(domain, category);
            return basis with
            {
                Version = 0,
                Source = "custom",
                Instructions = string.IsNullOrWhiteSpace(custom.Instructions) ? basis.Instructions : custom.Instructions,
                Fields = custom.Fields is { Count: > 0 } f ? f : basis.Fields,
            };
        }
        return (await prompts.GetAsync(domain, category, ct)).Prompt;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Extracted {Domain}/{Category} with {Engine}: {PiiCount} PII detections, {ProblemCount} schema problems")]
    private static partial void LogExtracted(ILogger logger, string domain, string category, string engine, int piiCount, int problemCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model {Engine} failed ({Reason}); returning the offline result")]
    private static partial void LogLlmFailed(ILogger logger, string engine, string reason);
}
