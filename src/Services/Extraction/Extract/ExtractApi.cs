using MagicHub.Extraction.Contracts;
using MagicHub.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MagicHub.Extraction.Extract;

/// <summary><c>POST /extract</c>.</summary>
public static class ExtractApi
{
    public static IEndpointRouteBuilder MapExtractionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/extract", ExtractAsync).WithTags("Extraction").WithName("Extract").RequireAuthorization(PlatformPolicies.Write)
            .WithSummary("Domain-specific data and general call metrics for a transcript")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    public static async Task<Results<Ok<ExtractResponse>, ValidationProblem, ProblemHttpResult>> ExtractAsync(
        ExtractRequest? request, ExtractionService service, IOptions<ExtractionOptions> options, CancellationToken ct)
    {
        if (request is null) return TypedResults.Problem("The request body is empty.", statusCode: StatusCodes.Status400BadRequest, title: "Missing body");
        var o = options.Value;
        var size = (request.Transcription?.Length ?? 0) + (request.Segments?.Sum(s => s.Text?.Length ?? 0) ?? 0);
        if (size > o.MaxTranscriptChars || (request.Segments?.Count ?? 0) > o.MaxSegments)
            return TypedResults.Problem($"The transcript has {size:N0} characters; at most {o.MaxTranscriptChars:N0} are accepted.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Transcript too large");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Domain)) errors["domain"] = ["The domain is required."];
        if (string.IsNullOrWhiteSpace(request.Category)) errors["category"] = ["The category is required."];
        var hasSegments = request.Segments is { Count: > 0 } segs && segs.Any(s => !string.IsNullOrWhiteSpace(s.Text));
        if (!hasSegments && string.IsNullOrWhiteSpace(request.Transcription))
            errors["transcription"] = ["Give a non-empty transcription or segments with text."];
        if (request.Segments?.Any(s => s.Text is null || s.End < s.Start || s.Start < 0) == true)
            errors["segments"] = ["Every segment needs text and 0 <= start <= end."];
        if (request.CustomPrompt?.Fields?.Any(f => string.IsNullOrWhiteSpace(f.Name) || !MagicHub.Prompts.Contracts.FieldTypes.All.Contains(f.Type)) == true)
            errors["custom_prompt.fields"] = [$"Every field needs a name and a type among: {string.Join(", ", MagicHub.Prompts.Contracts.FieldTypes.All)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The extraction request is invalid.");
        return TypedResults.Ok(await service.ExtractAsync(request, ct));
    }
}
