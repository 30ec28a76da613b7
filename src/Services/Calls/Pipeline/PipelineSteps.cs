using MagicHub.Security.Tenancy;
using System.Data.Common;
using System.Net;
using System.Text.Json;
using MagicHub.Calls.Calls;
using MagicHub.Calls.Data;
using MagicHub.Extraction.Contracts;
using MagicHub.Media.Contracts;
using MagicHub.Messaging;
using MagicHub.Persistence;

namespace MagicHub.Calls.Pipeline;

/// <summary>Stage 1: fetches the audio from the media service and transcribes it.</summary>
public sealed class TranscribeStep(StageRunner runner, MediaClient media, TranscriptionClient transcription)
    : IIntegrationEventHandler<CallSubmittedIntegrationEvent>
{
    public Task HandleAsync(CallSubmittedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(evt.JobId, evt.TenantId, PipelineStage.Transcribe, context, async (job, _, ct) =>
        {
            Stream audio;
            try
            {
                audio = await media.OpenReadAsync(job.MediaId, job.TenantId, ct);
            }
            catch (HttpRequestException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
            {
                throw new StepFailedException($"The audio (media {job.MediaId}) no longer exists.");
            }
            JsonElement result;
            await using (audio)
            {
                result = await transcription.TranscribeAsync(audio, job.FileName, ct);
            }
            job.TranscriptionJson = result.GetRawText();
            job.Stage = PipelineStage.Analyze;
            return new TranscriptionCompletedIntegrationEvent(job.Id, Text(result, "domain", "unknown"), Text(result, "category", "unknown"));
        }, cancellationToken);

    internal static string Text(JsonElement json, string property, string fallback) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : fallback;
}

/// <summary>Stage 2: validates (or generates) the prompt of the call's domain/category, then extracts data and metrics.</summary>
public sealed class AnalyzeStep(StageRunner runner, PromptsClient prompts, ExtractionClient extraction)
    : IIntegrationEventHandler<TranscriptionCompletedIntegrationEvent>
{
    public Task HandleAsync(TranscriptionCompletedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(evt.JobId, evt.TenantId, PipelineStage.Analyze, context, async (job, _, ct) =>
        {
            var transcript = JsonDocument.Parse(job.TranscriptionJson!).RootElement;
            var domain = TranscribeStep.Text(transcript, "domain", "unknown");
            var category = TranscribeStep.Text(transcript, "category", "unknown");
            if (domain != "unknown" && category != "unknown")
            {
                job.PromptJson = (await prompts.ValidateAndGenerateAsync(domain, category, ct)).GetRawText();
            }
            var segments = transcript.TryGetProperty("segments", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(s => new TranscriptSegment(
                    TranscribeStep.Text(s, "speaker", "Unknown"), s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(),
                    TranscribeStep.Text(s, "text", ""))).Where(s => s.Text.Length > 0).ToList()
                : [];
            var text = TranscribeStep.Text(transcript, "transcription", "");
            if (segments.Count == 0 && text.Length == 0)
            {
                throw new StepFailedException("The recording contains no recognizable speech.");
            }
            var request = new ExtractRequest(text, segments.Count > 0 ? segments : null, domain, category);
            job.ExtractionJson = (await extraction.ExtractAsync(request, ct)).GetRawText();
            job.Stage = PipelineStage.Save;
            return new CallPostprocessedIntegrationEvent(job.Id);
        }, cancellationToken);
}

/// <summary>
/// Stage 3: stores the call in <c>general</c> and <c>domain_specific</c>, once, and announces it; all in the delivery's
/// transaction (a transactional subscription), with the job's row locked.
/// </summary>
public sealed class SaveStep(StageRunner runner, TimeProvider clock)
    : IIntegrationEventHandler<CallPostprocessedIntegrationEvent>
{
    public Task HandleAsync(CallPostprocessedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(evt.JobId, evt.TenantId, PipelineStage.Save, context, async (job, transaction, ct) =>
        {
            transaction = transaction ?? throw new InvalidOperationException("The save stage runs in its delivery's transaction (a transactional subscription).");
            var call = await FindCallAsync(transaction, job, ct);
            if (call is null)
            {
                call = CallFromJob(job);
                await call.InsertAsync(transaction, ct);
            }
            job.CallId = call.Id;
            job.Stage = PipelineStage.Done;
            return new CallAnalyzedIntegrationEvent(job.Id, call.Id, call.FileName, call.Domain, call.Category, call.Sentiment);
        }, cancellationToken);

    private static async Task<CallRecord?> FindCallAsync(DbTransaction transaction, CallJob job, CancellationToken ct)
    {
        await using var select = transaction.Connection!.CreateCommand(
            $"SELECT {CallRecord.Columns} FROM {CallRecord.FromWithData} WHERE c.\"JobId\" = @job AND c.\"TenantId\" = @tenant", transaction)
            .WithParameter("job", job.Id).WithTenant(job.TenantId);
        return await select.ReadFirstAsync(CallRecord.Read, ct);
    }

    private CallRecord CallFromJob(CallJob job)
    {
        var transcript = JsonDocument.Parse(job.TranscriptionJson!).RootElement;
        var extraction = JsonDocument.Parse(job.ExtractionJson!).RootElement;
        var metrics = extraction.TryGetProperty("general_metrics", out var m) ? m : default;
        var now = clock.GetUtcNow().UtcDateTime;
        var call = new CallRecord
        {
            Id = Guid.CreateVersion7(),
            JobId = job.Id,
            TenantId = job.TenantId,
            FileName = job.FileName,
            Transcription = TranscribeStep.Text(transcript, "transcription", ""),
            Domain = TranscribeStep.Text(transcript, "domain", "unknown"),
            Category = TranscribeStep.Text(transcript, "category", "unknown"),
            Sentiment = OverallSentiment(metrics),
            MetricsJson = metrics.ValueKind == JsonValueKind.Object ? metrics.GetRawText() : "{}",
            Stage1InputTokens = Token(transcript, "tokens_stage1", 0),
            Stage1OutputTokens = Token(transcript, "tokens_stage1", 1),
            Stage2InputTokens = Token(extraction, "tokens_combined", 0),
            Stage2OutputTokens = Token(extraction, "tokens_combined", 1),
            MediaId = job.MediaId.ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        call.DomainSpecific = new DomainSpecificRecord
        {
            Id = Guid.CreateVersion7(),
            CallId = call.Id,
            TenantId = job.TenantId,
            DataJson = extraction.TryGetProperty("domain_specific_data", out var data) ? data.GetRawText() : "{}",
        };
        return call;
    }

    private static string OverallSentiment(JsonElement metrics) =>
        metrics.ValueKind == JsonValueKind.Object
        && metrics.TryGetProperty("sentiment_intent", out var section)
        && section.TryGetProperty("overall", out var overall)
            ? TranscribeStep.Text(overall, "label", "neutral").ToLowerInvariant()
            : "neutral";

    private static int Token(JsonElement json, string property, int index) =>
        json.TryGetProperty(property, out var tokens) && tokens.ValueKind == JsonValueKind.Array && tokens.GetArrayLength() > index
            && tokens[index].TryGetInt64(out var value)
            ? (int)Math.Clamp(value, 0, int.MaxValue)
            : 0;
}
