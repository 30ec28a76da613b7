using System.Text.RegularExpressions;
using MagicHub.Prompts.Contracts;
using MagicHub.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MagicHub.Prompts.Prompts;

/// <summary>Seed endpoints (<c>/validate-and-generate</c>, <c>/domains</c>, <c>/fetch-prompt</c>) and CRUD + versions under <c>/prompts</c>.</summary>
public static partial class PromptsApi
{
    public static IEndpointRouteBuilder MapPromptsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Prompts").RequireAuthorization(PlatformPolicies.Read);
        api.MapPost("/validate-and-generate", ValidateAndGenerateAsync).RequireAuthorization(PlatformPolicies.Write);
        api.MapGet("/domains", DomainsAsync);
        api.MapGet("/fetch-prompt", FetchAsync).ProducesProblem(StatusCodes.Status404NotFound);
        var prompts = api.MapGroup("/prompts").ProducesProblem(StatusCodes.Status404NotFound);
        prompts.MapGet("/", async (PromptStore store, CancellationToken ct) => TypedResults.Ok(await store.AllCurrentAsync(ct)));
        prompts.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.Write).ProducesProblem(StatusCodes.Status409Conflict);
        prompts.MapGet("/{domain}/{category}", FetchAsync);
        prompts.MapPut("/{domain}/{category}", EditAsync).RequireAuthorization(PlatformPolicies.Write);
        prompts.MapDelete("/{domain}/{category}", DeleteAsync).RequireAuthorization(PlatformPolicies.Write);
        prompts.MapGet("/{domain}/{category}/versions", HistoryAsync);
        prompts.MapPost("/{domain}/{category}/versions/{version:int}/revert", RevertAsync).RequireAuthorization(PlatformPolicies.Write);
        return app;
    }

    public static async Task<Results<Ok<ValidateAndGenerateResponse>, ValidationProblem>> ValidateAndGenerateAsync(ValidateAndGenerateRequest request, PromptStore store, CancellationToken ct)
    {
        if (PairErrors(request.Domain, request.Category) is { } errors) return TypedResults.ValidationProblem(errors);
        var (domain, category) = (Id(request.Domain!), Id(request.Category!));
        var (prompt, created) = await store.GetOrGenerateAsync(domain, category, ct);
        return TypedResults.Ok(new ValidateAndGenerateResponse(!created, created, domain, category, prompt));
    }

    public static async Task<Ok<DomainCatalog>> DomainsAsync(PromptStore store, CancellationToken ct)
    {
        var all = await store.AllCurrentAsync(ct);
        var builtIn = DomainCatalog.Default.Domains.ToDictionary(d => d.Domain, d => d.Description);
        return TypedResults.Ok(new DomainCatalog(all.GroupBy(p => p.Domain).Select(g => new DomainInfo(g.Key,
            builtIn.GetValueOrDefault(g.Key) ?? $"{g.Key.Replace('_', ' ')} calls",
            g.Select(p => new CategoryInfo(p.Category, p.Description, p.Keywords)).ToList())).ToList()));
    }

    public static async Task<Results<Ok<PromptDocument>, ProblemHttpResult, ValidationProblem>> FetchAsync(string? domain, string? category, PromptStore store, CancellationToken ct)
    {
        if (PairErrors(domain, category) is { } errors) return TypedResults.ValidationProblem(errors);
        var row = await store.CurrentAsync(Id(domain!), Id(category!), ct);
        return row is null ? NotFoundPair(domain!, category!) : TypedResults.Ok(row.ToDocument());
    }

    public static async Task<Results<Created<PromptDocument>, ProblemHttpResult, ValidationProblem>> CreateAsync(PromptWriteRequest request, PromptStore store, TimeProvider time, CancellationToken ct)
    {
        var errors = PairErrors(request.Domain, request.Category) ?? FieldErrors(request.Fields, required: true);
        if (errors is not null) return TypedResults.ValidationProblem(errors);
        var (domain, category) = (Id(request.Domain!), Id(request.Category!));
        var doc = new PromptDocument(domain, category, 1, true, request.Description ?? $"{category.Replace('_', ' ')} calls", request.Keywords ?? [],
            request.Instructions ?? DefaultPrompts.Instructions(domain, category, request.Description ?? category), request.Fields!, "edit", time.GetUtcNow());
        var (stored, created) = await store.InsertFirstAsync(doc, ct);
        return created
            ? TypedResults.Created($"/prompts/{domain}/{category}", stored)
            : TypedResults.Problem($"The pair {domain}/{category} already exists; PUT /prompts/{domain}/{category} to add a version.", statusCode: StatusCodes.Status409Conflict, title: "The prompt already exists.");
    }

    public static async Task<Results<Ok<PromptDocument>, ProblemHttpResult, ValidationProblem>> EditAsync(string domain, string category, PromptWriteRequest request, PromptStore store, CancellationToken ct)
    {
        if ((PairErrors(domain, category) ?? FieldErrors(request.Fields, required: false)) is { } errors) return TypedResults.ValidationProblem(errors);
        var next = await store.AddVersionAsync(Id(domain), Id(category), cur => cur with
        {
            Description = request.Description ?? cur.Description,
            Keywords = request.Keywords ?? cur.Keywords,
            Instructions = request.Instructions ?? cur.Instructions,
            Fields = request.Fields ?? cur.Fields,
        }, "edit", ct);
        return next is null ? NotFoundPair(domain, category) : TypedResults.Ok(next);
    }

    public static async Task<Results<Ok<PromptDocument>, ProblemHttpResult>> RevertAsync(string domain, string category, int version, PromptStore store, CancellationToken ct)
    {
        var old = (await store.HistoryAsync(Id(domain), Id(category), ct)).FirstOrDefault(v => v.Version == version);
        if (old is null) return TypedResults.Problem($"No version {version} of {domain}/{category}.", statusCode: StatusCodes.Status404NotFound, title: "The prompt version does not exist.");
        var next = await store.AddVersionAsync(Id(domain), Id(category), _ => old, "revert", ct);
        return next is null ? NotFoundPair(domain, category) : TypedResults.Ok(next);
    }

    public static async Task<Results<Ok<IReadOnlyList<PromptDocument>>, ProblemHttpResult>> HistoryAsync(string domain, string category, PromptStore store, CancellationToken ct)
    {
        var history = await store.HistoryAsync(Id(domain), Id(category), ct);
        return history.Count == 0 ? NotFoundPair(domain, category) : TypedResults.Ok(history);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string domain, string category, PromptStore store, CancellationToken ct) =>
        await store.DeleteAsync(Id(domain), Id(category), ct) ? TypedResults.NoContent() : NotFoundPair(domain, category);

    private static ProblemHttpResult NotFoundPair(string domain, string category) =>
        TypedResults.Problem($"No prompt for {domain}/{category}.", statusCode: StatusCodes.Status404NotFound, title: "The prompt does not exist.");

    private static string Id(string s) => s.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private static Dictionary<string, string[]>? PairErrors(string? domain, string? category)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(domain) || !IdPattern().IsMatch(Id(domain))) errors["domain"] = ["A domain of 1-64 letters, digits or underscores is required."];
        if (string.IsNullOrWhiteSpace(category) || !IdPattern().IsMatch(Id(category))) errors["category"] = ["A category of 1-64 letters, digits or underscores is required."];
        return errors.Count > 0 ? errors : null;
    }

    private static Dictionary<string, string[]>? FieldErrors(IReadOnlyList<PromptField>? fields, bool required)
    {
        if (fields is null) return required ? new() { ["fields"] = ["At least one field is required."] } : null;
        var bad = fields.Where(f => string.IsNullOrWhiteSpace(f.Name) || !FieldTypes.All.Contains(f.Type) || (f.Type == FieldTypes.Enum && f.EnumValues is not { Count: > 0 })).Select(f => f.Name).ToList();
        if (fields.Count == 0 || bad.Count > 0)
            return new() { ["fields"] = [$"Each field needs a name and a type among {string.Join(", ", FieldTypes.All)}; enums need enum_values. Invalid: {string.Join(", ", bad)}"] };
        return fields.Select(f => f.Name).Distinct().Count() != fields.Count ? new() { ["fields"] = ["Field names must be unique."] } : null;
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex IdPattern();
}
